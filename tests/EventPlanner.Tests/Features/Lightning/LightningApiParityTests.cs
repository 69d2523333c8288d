using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>What the lightning pages do, scripts can do through the API too, and every such endpoint says what it does (and is in the OpenAPI document).</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningApiParityTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private IReadOnlyList<(string Route, string Method, string? Summary)> Endpoints()
    {
        app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/events/{slug}/lightning"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (e.RoutePattern.RawText!, m, e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .ToList();
    }

    [Fact]
    public async Task Every_lightning_api_endpoint_has_a_summary_and_is_in_the_openapi_document()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 16, $"only {endpoints.Count} lightning endpoints found");
        Assert.All(endpoints, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary), $"{e.Method} {e.Route} has no summary"));
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/events/{slug}/lightning/{sessionId}/talks/mine/slides/upload", doc);
        Assert.Contains("/api/events/{slug}/lightning/{sessionId}/run-sheet/version", doc);
    }

    [Theory]
    [InlineData("GET", "/api/events/{slug}/lightning/")]                                         // the list page
    [InlineData("GET", "/api/events/{slug}/lightning/{sessionId:long}")]                        // the session page: where I stand
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/talks")]                 // sign up
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/talks/mine/confirm")]    // confirm an offered slot
    [InlineData("DELETE", "/api/events/{slug}/lightning/{sessionId:long}/talks/mine/")]          // withdraw
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/talks/mine/slides/upload")] // upload slides
    [InlineData("PUT", "/api/events/{slug}/lightning/{sessionId:long}/settings")]               // organisers: settings
    [InlineData("GET", "/api/events/{slug}/lightning/{sessionId:long}/talks")]                  // organisers: line-up and waitlist
    [InlineData("PUT", "/api/events/{slug}/lightning/{sessionId:long}/order")]                  // organisers: up/down
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/talks/{talkId:long}/move")] // organisers: move
    [InlineData("DELETE", "/api/events/{slug}/lightning/{sessionId:long}/talks/{talkId:long}")] // organisers: remove
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/lock")]                  // lock
    [InlineData("DELETE", "/api/events/{slug}/lightning/{sessionId:long}/lock")]                // unlock
    [InlineData("PUT", "/api/events/{slug}/lightning/{sessionId:long}/talks/{talkId:long}/outcome")] // given / no-show
    [InlineData("GET", "/api/events/{slug}/lightning/{sessionId:long}/run-sheet/")]              // run sheet
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/run-sheet/start")]       // start a talk
    [InlineData("POST", "/api/events/{slug}/lightning/{sessionId:long}/run-sheet/call")]        // call the next speaker
    public void A_page_action_has_its_api_endpoint(string method, string route) =>
        Assert.Contains(Endpoints(), e => e.Method == method && e.Route == route);
}
