using System.Collections.Frozen;
using Microsoft.AspNetCore.OpenApi;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// One schema name per type in the OpenAPI document and on /api-docs. Features name their records freely
/// (Community's and Submissions' <c>ProposalResponse</c> are different things); by default both would collapse into one
/// schema and the document would describe one body with the other's fields. A name used by more than one type gets
/// its feature as a prefix (<c>CommunityProposalResponse</c>, <c>SubmissionsProposalResponse</c>); unique names stay as written.
/// </summary>
public static class ApiSchemaNames
{
    private static readonly FrozenSet<string> Shared = typeof(ApiSchemaNames).Assembly.GetExportedTypes()
        .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToFrozenSet(StringComparer.Ordinal);

    public static string Of(Type type)
    {
        if (!Shared.Contains(type.Name) || type.Namespace is not { } ns) return type.Name;
        var feature = ns.Split('.') is var parts && Array.IndexOf(parts, "Features") is var i and >= 0 && i + 1 < parts.Length ? parts[i + 1] : parts[^1];
        return feature + type.Name;
    }

    public static void Configure(OpenApiOptions options) =>
        options.CreateSchemaReferenceId = info =>
            OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id && id == info.Type.Name ? Of(info.Type) : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
}
