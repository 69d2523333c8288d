using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>What the schedule pages do, scripts can do through the API too, and every such endpoint says what it does.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ScheduleApiParityTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private IReadOnlyList<(string Route, string Method, string? Summary)> Endpoints()
    {
        app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/events/{slug}/schedule") || raw.Contains("/agenda")) && raw.StartsWith("/api"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (e.RoutePattern.RawText!, m, e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .ToList();
    }

    [Fact]
    public void Every_schedule_and_agenda_api_endpoint_has_a_summary()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} schedule endpoints found");
        Assert.All(endpoints, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary), $"{e.Method} {e.Route} has no summary"));
    }

    [Theory]
    [InlineData("POST", "/api/events/{slug}/schedule/sessions")]                       // add a session (session page form)
    [InlineData("PUT", "/api/events/{slug}/schedule/sessions/{id:long}")]              // edit it
    [InlineData("PUT", "/api/events/{slug}/schedule/sessions/{id:long}/placement")]    // move it (grid form, drag and drop)
    [InlineData("POST", "/api/events/{slug}/schedule/sessions/from-proposals")]        // create from confirmed proposals
    [InlineData("GET", "/api/events/{slug}/schedule/conflicts")]                       // the conflict summary
    [InlineData("POST", "/api/events/{slug}/schedule/releases")]                       // release (with override and reason)
    [InlineData("GET", "/api/events/{slug}/schedule/releases/preview")]                // what the release page previews
    [InlineData("PUT", "/api/events/{slug}/agenda/{sessionId:long}")]                  // star
    [InlineData("DELETE", "/api/events/{slug}/agenda/{sessionId:long}")]               // unstar
    [InlineData("GET", "/api/my/agenda")]                                              // my agenda
    [InlineData("POST", "/api/my/agenda/feed")]                                        // a new calendar address
    [InlineData("DELETE", "/api/my/agenda/feed")]                                      // revoke it
    public void A_page_action_has_its_api_endpoint(string method, string route) =>
        Assert.Contains(Endpoints(), e => e.Method == method && e.Route == route);
}
