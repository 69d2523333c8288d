using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>What the BoF pages do, scripts can do through the API too, and every such endpoint says what it does.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofApiParityTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private IReadOnlyList<(string Route, string Method, string? Summary)> Endpoints()
    {
        app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/events/{slug}/bofs"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (e.RoutePattern.RawText!, m, e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .ToList();
    }

    [Fact]
    public void Every_bof_api_endpoint_has_a_summary()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 13, $"only {endpoints.Count} BoF endpoints found");
        Assert.All(endpoints, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary), $"{e.Method} {e.Route} has no summary"));
    }

    [Theory]
    [InlineData("GET", "/api/events/{slug}/bofs")]                              // the BoF list page
    [InlineData("POST", "/api/events/{slug}/bofs")]                             // "Propose"
    [InlineData("PUT", "/api/events/{slug}/bofs/{id:long}/interest")]           // "I'm interested"
    [InlineData("DELETE", "/api/events/{slug}/bofs/{id:long}/interest")]        // "Withdraw interest"
    [InlineData("GET", "/api/events/{slug}/bofs/{id:long}/free-slots")]         // the slot choice of the booking form
    [InlineData("PUT", "/api/events/{slug}/bofs/{id:long}/booking")]            // "Book" / "Move"
    [InlineData("POST", "/api/events/{slug}/bofs/{id:long}/cancel")]            // "Cancel this BoF"
    [InlineData("GET", "/api/events/{slug}/bofs/slots")]                        // the slots table
    [InlineData("GET", "/api/events/{slug}/bofs/settings")]                     // manage page: threshold and rooms
    [InlineData("PUT", "/api/events/{slug}/bofs/settings")]                     // "Save"
    [InlineData("POST", "/api/events/{slug}/bofs/slots")]                       // "Add slot"
    [InlineData("DELETE", "/api/events/{slug}/bofs/slots/{slotId:long}")]       // "Remove"
    public void A_page_action_has_its_api_endpoint(string method, string route) =>
        Assert.Contains(Endpoints(), e => e.Method == method && e.Route == route);

    [Fact]
    public async Task The_openapi_document_lists_the_bof_endpoints()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/events/{slug}/bofs/{id}/booking\"", json);
        Assert.Contains("\"/api/events/{slug}/bofs/{id}/interest\"", json);
        Assert.Contains("\"/api/events/{slug}/bofs/slots\"", json);
        Assert.Contains("\"/api/events/{slug}/bofs/settings\"", json);
        Assert.Contains("409 with the free alternatives", json);
    }
}
