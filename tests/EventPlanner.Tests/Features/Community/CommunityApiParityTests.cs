using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Community;

/// <summary>What the community pages do, scripts can do through the API too; every endpoint says what it does and is in the OpenAPI document.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityApiParityTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private IReadOnlyList<(string Route, string Method, string? Summary)> Endpoints()
    {
        app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/events/{slug}/community"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (e.RoutePattern.RawText!, m, e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .ToList();
    }

    [Fact]
    public void Every_community_api_endpoint_has_a_summary()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} community endpoints found");
        Assert.All(endpoints, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary), $"{e.Method} {e.Route} has no summary"));
    }

    [Theory]
    [InlineData("POST", "/api/events/{slug}/community/groups")]                                   // start a group (new group page)
    [InlineData("PUT", "/api/events/{slug}/community/groups/{id:long}")]                          // edit it (group page)
    [InlineData("POST", "/api/events/{slug}/community/groups/{id:long}/hosts")]                   // add a co-host
    [InlineData("POST", "/api/events/{slug}/community/groups/{id:long}/approve")]                 // organisers approve a group
    [InlineData("POST", "/api/events/{slug}/community/groups/{id:long}/decline")]                 // or decline it
    [InlineData("POST", "/api/events/{slug}/community/groups/{id:long}/requests")]                // ask for a room
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/withdraw")]              // withdraw it
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/accept-proposal")]       // take the organisers' proposal
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/decline-proposal")]      // or not
    [InlineData("GET", "/api/events/{slug}/community/calendar/{date}")]                           // the organisers' calendar per room
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/approve")]               // approve (possibly into another room)
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/decline")]               // decline with a reason
    [InlineData("POST", "/api/events/{slug}/community/requests/{id:long}/propose")]               // propose another time
    [InlineData("POST", "/api/events/{slug}/community/blocks/{id:long}/sessions")]                // add a session to the block
    [InlineData("PUT", "/api/events/{slug}/community/blocks/{id:long}/sessions/{sessionId:long}")]   // edit it
    [InlineData("DELETE", "/api/events/{slug}/community/blocks/{id:long}/sessions/{sessionId:long}")] // cancel it
    public void A_page_action_has_its_api_endpoint(string method, string route) =>
        Assert.Contains(Endpoints(), e => e.Method == method && e.Route == route);

    [Fact]
    public async Task The_openapi_document_lists_the_community_endpoints_with_their_summaries()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");

        var approve = paths.GetProperty("/api/events/{slug}/community/requests/{id}/approve").GetProperty("post");
        Assert.Contains("re-checked", approve.GetProperty("summary").GetString());
        Assert.True(paths.TryGetProperty("/api/events/{slug}/community/blocks/{id}/sessions", out _));
        Assert.True(paths.TryGetProperty("/api/events/{slug}/community/calendar/{date}", out _));
    }
}
