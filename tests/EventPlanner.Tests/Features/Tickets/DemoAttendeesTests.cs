using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoAttendeesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_tickets_show_in_the_attendee_list_in_each_state()
    {
        var ev = await app.EventAsync();
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++) people.Add(await app.UserAsync("demo"));

        await DemoTickets.SeedAsync(app.Services, ev.Slug, people.Select(p => p.Id).ToList());

        var list = (await ev.Organiser.GetFromJsonAsync<AttendeePageResponse>($"/api/events/{ev.Slug}/attendees"))!;
        Assert.Equal(6, list.Total); // five community tickets and one supporter order awaiting payment
        Assert.Single(list.Attendees, a => a.State == AttendeeStates.CheckedIn);
        Assert.Single(list.Attendees, a => a.State == AttendeeStates.Pending && a.TicketType == "Supporter");
        var moved = Assert.Single(list.Attendees, a => a.Transferred);
        Assert.Equal(people[3].Email, moved.Email);
    }
}
