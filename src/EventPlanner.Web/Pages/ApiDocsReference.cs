using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization.Metadata;
using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Web.Pages;

public sealed record ApiEndpointDoc(
    string Id, string Method, string Path, string? Summary, string? Description, string Access, bool Anonymous,
    IReadOnlyList<ApiParameterDoc> Parameters, ApiTypeRef? Body, IReadOnlyList<ApiResponseDoc> Responses);

public sealed record ApiParameterDoc(string Name, string In, ApiTypeRef Type, bool Required);
public sealed record ApiResponseDoc(int Status, ApiTypeRef? Type, string ContentTypes);
public sealed record ApiTypeRef(string Name, string? Anchor);
public sealed record ApiTypeDoc(string Name, string Anchor, IReadOnlyList<(string Field, ApiTypeRef Type)> Fields);
public sealed record ApiTagDoc(string Tag, string Anchor, IReadOnlyList<ApiEndpointDoc> Endpoints);

/// <summary>
/// Turns ApiExplorer's view of the minimal APIs into plain records for the /api-docs page: the same
/// source as /openapi/v1.json, so the two cannot drift apart.
/// </summary>
public sealed partial class ApiDocsReference(IApiDescriptionGroupCollectionProvider explorer, JsonSerializerOptions json)
{
    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly Dictionary<string, string> PolicyWords = new()
    {
        [Policies.SignedIn] = "any signed-in user",
        [Policies.SiteAdmin] = "a site administrator",
        [Policies.CanCreateEvents] = "a user allowed to create events (administrators, or everyone if the site allows it)",
        [Policies.EventOrganiser] = "an organiser of the event named by {slug}",
        [Policies.EventReviewer] = "a reviewer or organiser of the event named by {slug}",
    };

    private readonly Dictionary<Type, ApiTypeDoc> _types = [];

    public IReadOnlyList<ApiTypeDoc> Types => _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ApiTagDoc> Build()
    {
        var endpoints = explorer.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Select(d => (Tag: Tag(d), Doc: Describe(d)))
            .ToList();
        return endpoints
            .GroupBy(e => e.Tag)
            .OrderBy(g => g.Min(e => e.Doc.Path), StringComparer.Ordinal)
            .Select(g => new ApiTagDoc(g.Key, "tag-" + Anchor(g.Key), g.Select(e => e.Doc)
                .OrderBy(d => d.Path, StringComparer.Ordinal)
                .ThenBy(d => Array.IndexOf(MethodOrder, d.Method) is var i and >= 0 ? i : MethodOrder.Length)
                .ToList()))
            .ToList();
    }

    private ApiEndpointDoc Describe(ApiDescription d)
    {
        var metadata = d.ActionDescriptor.EndpointMetadata;
        var method = d.HttpMethod ?? "ANY";
        // A group's own route ("") comes out as "api/events/", and constraints stay in ("{id:long}"): neither is part of the address.
        var path = "/" + RouteConstraint().Replace(d.RelativePath ?? "", "{$1}").Trim('/');
        var parameters = d.ParameterDescriptions
            .Where(p => p.Source == BindingSource.Path || p.Source == BindingSource.Query || p.Source == BindingSource.Header)
            .Select(p => new ApiParameterDoc(p.Name, p.Source.DisplayName.ToLowerInvariant(), Ref(p.Type), p.IsRequired || p.Source == BindingSource.Path))
            .ToList();
        var body = d.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form);
        var responses = d.SupportedResponseTypes
            .OrderBy(r => r.StatusCode)
            .Select(r => new ApiResponseDoc(r.StatusCode, r.Type is null || r.Type == typeof(void) ? null : Ref(r.Type),
                string.Join(", ", r.ApiResponseFormats.Select(f => f.MediaType).Distinct())))
            .ToList();
        return new ApiEndpointDoc(
            Anchor($"{method}-{path}"), method, path,
            metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary,
            metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description,
            Access(metadata), metadata.OfType<IAllowAnonymous>().Any(), parameters, body is null ? null : Ref(body.Type), responses);
    }

    /// <summary>Who may call an endpoint, in words, from the same metadata the authorization middleware reads.</summary>
    public static string Access(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any()) return "anyone, no sign-in needed";
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0) return "not stated";
        var policies = authorize.Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).Distinct().ToList();
        if (policies.Count == 0) return "any signed-in user";
        return string.Join("; and ", policies.Select(p => PolicyWords.TryGetValue(p!, out var words) ? $"{words} ({p})" : p));
    }

    private static string Tag(ApiDescription d) =>
        d.ActionDescriptor.EndpointMetadata.OfType<ITagsMetadata>().LastOrDefault()?.Tags.FirstOrDefault() ?? d.GroupName ?? "Other";

    // Our own request and response records get a section listing their JSON fields; framework types are named only.
    private ApiTypeRef Ref(Type type)
    {
        var inner = Unwrap(type);
        if (inner.Assembly == typeof(ApiDocsReference).Assembly && !inner.IsEnum) Document(inner);
        return new ApiTypeRef(Name(type), _types.TryGetValue(inner, out var doc) ? doc.Anchor : null);
    }

    private void Document(Type type)
    {
        if (_types.ContainsKey(type)) return;
        var fields = new List<(string, ApiTypeRef)>();
        _types[type] = new ApiTypeDoc(Name(type), "type-" + Anchor(Infrastructure.ApiSchemaNames.Of(type)), fields);
        var info = json.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var p in info.Properties) fields.Add((p.Name, Ref(p.PropertyType)));
    }

    private static Type Unwrap(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return underlying;
        if (type.IsArray) return Unwrap(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments() is [var only] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) return Unwrap(only);
        return type;
    }

    public static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Name(underlying) + "?";
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
        {
            var bare = type.Name[..type.Name.IndexOf('`')];
            return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "string",
            TypeCode.Boolean => "bool",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            _ => Infrastructure.ApiSchemaNames.Of(type),
        };
    }

    [GeneratedRegex(@"\{(\w+)(?::[^{}]*)?\}")]
    private static partial Regex RouteConstraint();

    private static string Anchor(string text) =>
        Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
}
