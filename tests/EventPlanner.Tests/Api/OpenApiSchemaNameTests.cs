using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventPlanner.Tests.Api;

/// <summary>The OpenAPI document names each request and response type once, so no body is described with another's fields.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OpenApiSchemaNameTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public void Every_type_the_api_reads_or_writes_has_a_schema_name_of_its_own()
    {
        app.CreateClient();
        var explorer = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>();
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var openApi = app.Services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get("v1");
        var types = new HashSet<Type>();
        void Walk(Type type)
        {
            if (type.Assembly != typeof(Program).Assembly || !types.Add(type)) return;
            var info = json.GetTypeInfo(type);
            if (info.Kind == JsonTypeInfoKind.Object) foreach (var p in info.Properties) Walk(Unwrap(p.PropertyType));
        }
        foreach (var d in explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items))
        {
            foreach (var p in d.ParameterDescriptions) if (p.Type is { } t) Walk(Unwrap(t));
            foreach (var r in d.SupportedResponseTypes) if (r.Type is { } t) Walk(Unwrap(t));
        }

        var clashes = types.Where(t => !t.IsEnum)
            .GroupBy(t => openApi.CreateSchemaReferenceId(json.GetTypeInfo(t)))
            .Where(g => g.Key is not null && g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();

        Assert.NotEmpty(types);
        Assert.True(clashes.Count == 0, "Schema names shared by different types:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public async Task The_schedule_release_body_is_documented_with_its_own_fields_and_the_decisions_release_with_its_own()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));

        Assert.Equal(["notify", "override", "reason"], BodyFields(doc, "/api/events/{slug}/schedule/releases", "post").Order());
        Assert.Equal(["proposalIds"], BodyFields(doc, "/api/events/{slug}/decisions/release", "post"));
    }

    [Fact]
    public async Task Same_named_records_of_different_features_are_separate_schemas()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var name in new[]
                 {
                     "CommunityProposalResponse", "SubmissionsProposalResponse", "CommunitySpeakerResponse", "SubmissionsSpeakerResponse",
                     "ReviewsConflictResponse", "ScheduleConflictResponse", "ScheduleReleaseInput", "ReviewsReleaseInput",
                 })
        {
            Assert.True(schemas.TryGetProperty(name, out _), $"No schema {name}");
        }
        Assert.True(schemas.GetProperty("CommunityProposalResponse").GetProperty("properties").TryGetProperty("roomId", out _));
        Assert.True(schemas.GetProperty("SubmissionsSpeakerResponse").GetProperty("properties").TryGetProperty("isOwner", out _));
    }

    internal static List<string> BodyFields(JsonDocument doc, string path, string method)
    {
        var schema = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var resolved = OpenApiSchemas.Resolve(doc.RootElement, schema);
        if (resolved.TryGetProperty("oneOf", out var alternatives))
        {
            resolved = alternatives.EnumerateArray().Select(a => OpenApiSchemas.Resolve(doc.RootElement, a)).Single(a => a.TryGetProperty("properties", out _));
        }
        return resolved.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
    }

    private static Type Unwrap(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } u) return u;
        if (type.IsArray) return Unwrap(type.GetElementType()!);
        if (type.IsGenericType) return type.GetGenericArguments() is [var only] ? Unwrap(only) : type;
        return type;
    }
}
