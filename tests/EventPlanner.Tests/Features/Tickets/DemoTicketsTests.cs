using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoTicketsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_seeds_types_registrations_a_check_in_a_completed_transfer_and_an_open_board_offer()
    {
        var ev = await app.EventAsync();
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++) people.Add(await app.UserAsync("demo"));

        await DemoTickets.SeedAsync(app.Services, ev.Slug, people.Select(p => p.Id).ToList());
        await DemoTickets.SeedAsync(app.Services, ev.Slug, []); // a second run adds no types

        var types = await app.CreateClient().GetFromJsonAsync<List<TicketTypeResponse>>($"/api/events/{ev.Slug}/ticket-types");
        Assert.Equal(["Community", "Supporter", "Speaker"], types!.Select(t => t.Name));
        var counts = await ev.Organiser.GetFromJsonAsync<List<TypeCountResponse>>($"/api/events/{ev.Slug}/check-in/counts");
        Assert.Equal(1, counts!.Single(c => c.TypeName == "Community").CheckedIn);
        var changes = await ev.Organiser.GetFromJsonAsync<List<HolderChangeResponse>>($"/api/events/{ev.Slug}/holder-changes");
        Assert.Single(changes!);
        var board = await app.CreateClient().GetFromJsonAsync<List<TransferResponse>>($"/api/events/{ev.Slug}/board");
        Assert.Equal(1, board!.Single().Requests);
        Assert.Equal(2, (await people[3].MyTicketsAsync()).Count);
        Assert.Contains(await ev.Organiser.GetFromJsonAsync<List<OrderResponse>>($"/api/events/{ev.Slug}/orders") ?? [], o => o.Payment == "unpaid");
    }
}
