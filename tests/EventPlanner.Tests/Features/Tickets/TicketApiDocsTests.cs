using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TicketApiDocsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public void Every_ticket_transfer_and_check_in_endpoint_is_documented_with_a_summary()
    {
        app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Any(t => t is "Tickets" or "Transfers" or "Check-in") == true)
            .ToList();

        Assert.True(endpoints.Count >= 25, $"expected the tickets API, found {endpoints.Count} endpoints");
        var undocumented = endpoints.Where(e => string.IsNullOrWhiteSpace(e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary))
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(undocumented.Count == 0, "Without a summary:\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public async Task The_openapi_document_lists_registration_transfers_and_check_in()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/events/{slug}/registrations", json);
        Assert.Contains("/api/transfers/{token}/accept", json);
        Assert.Contains("/api/events/{slug}/check-in", json);
        Assert.Contains("/api/my/tickets/{id}/community-offer", json);
    }
}
