using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Api;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ApiDocsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_api_docs_list_the_events_endpoints_with_who_may_call_them()
    {
        var response = await app.CreateClient().GetAsync("/api-docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        var list = html.QuerySelectorAll("article.api-endpoint").Single(a => a.QuerySelector("h3")!.TextContent == "GET /api/events");
        Assert.Contains("anyone", list.TextContent);
        Assert.Contains("EventSummary", list.TextContent);
        var rooms = html.QuerySelectorAll("article.api-endpoint").Single(a => a.QuerySelector("h3")!.TextContent == "POST /api/events/{slug}/rooms");
        Assert.Contains("EventOrganiser", rooms.TextContent);
        Assert.Contains("RoomInput", rooms.QuerySelector("a[href='#type-roominput']")!.TextContent);
        Assert.Contains("slug", rooms.QuerySelector("table")!.TextContent);
        Assert.NotNull(html.QuerySelector("#type-roominput"));
        Assert.Contains("capacity", html.QuerySelector("#type-roominput")!.TextContent);
        Assert.NotNull(html.QuerySelector("a[href='/openapi/v1.json']"));
        Assert.Empty(html.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Every_api_endpoint_appears_in_the_api_docs()
    {
        var html = await (await app.CreateClient().GetAsync("/api-docs")).HtmlAsync();
        var documented = html.QuerySelectorAll("article.api-endpoint h3").Select(h => h.TextContent).ToHashSet();

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api") == true && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Path(e)}"))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Contains(e, documented));
    }

    [Fact]
    public async Task The_openapi_document_is_served_anonymously_and_names_the_events_api()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/events", out _));
    }

    // "/api/events/{slug}/rooms/{id:long}" as the docs write it: no constraints, no trailing slash.
    private static string Path(RouteEndpoint e) =>
        "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart pp => "{" + pp.Name + "}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart sp => sp.Content,
            _ => "",
        }))));
}
