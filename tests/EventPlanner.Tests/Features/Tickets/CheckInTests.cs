using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CheckInTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_valid_ticket_checks_in_once_and_a_second_scan_says_when_it_was()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var first = await ev.Organiser.CheckInAsync(ev.Slug, ticket.Secret);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await ev.Organiser.CheckInAsync(ev.Slug, ticket.Secret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var admitted = (await first.Content.ReadFromJsonAsync<CheckInResponse>())!;
        Assert.Equal("Attendee 1", admitted.BadgeName);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var refused = (await again.Content.ReadFromJsonAsync<CheckInResponse>())!;
        Assert.Equal(CheckInOutcomes.AlreadyCheckedIn, refused.Outcome);
        Assert.Equal(admitted.CheckedInAt, refused.CheckedInAt);
        Assert.Contains("already checked in at", refused.Reason);
    }

    [Fact]
    public async Task Unknown_cancelled_revoked_and_other_event_tickets_are_refused_with_their_reason()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var type = await ev.TypeAsync();
        var otherType = await other.TypeAsync();
        var ana = await app.UserAsync();
        var cancelled = await ana.TicketAsync(ev.Slug, type);
        await ana.Api.PostAsync($"/api/my/tickets/{cancelled.Id}/cancel", null);
        var elsewhere = await ana.TicketAsync(other.Slug, otherType);

        async Task<string> Outcome(string secret) => (await (await ev.Organiser.CheckInAsync(ev.Slug, secret)).Content.ReadFromJsonAsync<CheckInResponse>())!.Outcome;

        Assert.Equal(CheckInOutcomes.Unknown, await Outcome("tk_" + new string('x', 43)));
        Assert.Equal(CheckInOutcomes.Unknown, await Outcome("1"));
        Assert.Equal(CheckInOutcomes.Cancelled, await Outcome(cancelled.Secret));
        Assert.Equal(CheckInOutcomes.OtherEvent, await Outcome(elsewhere.Secret));
    }

    [Fact]
    public async Task A_pasted_ticket_link_works_and_undo_lets_the_ticket_check_in_again()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var admitted = await ev.Organiser.CheckInAsync(ev.Slug, $"http://localhost/tickets/{ticket.Secret}");
        var undone = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/check-in/{ticket.Id}/undo", null);
        var again = await ev.Organiser.CheckInAsync(ev.Slug, ticket.Secret);
        var counts = await ev.Organiser.GetFromJsonAsync<List<TypeCountResponse>>($"/api/events/{ev.Slug}/check-in/counts");

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, undone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var count = counts!.Single(c => c.TicketTypeId == type);
        Assert.Equal(1, count.Valid);
        Assert.Equal(1, count.CheckedIn);
    }

    [Fact]
    public async Task Organisers_appoint_check_in_volunteers_who_can_check_in_only_at_their_event()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var volunteer = await app.UserAsync("vol");

        var before = await volunteer.Api.CheckInAsync(ev.Slug, ticket.Secret);
        var appointed = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/check-in-staff", new { email = volunteer.Email });
        var volunteerAppoints = await volunteer.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/check-in-staff", new { email = ana.Email });
        var elsewhere = await volunteer.Api.CheckInAsync(other.Slug, ticket.Secret);
        var admitted = await volunteer.Api.CheckInAsync(ev.Slug, ticket.Secret);
        var attendeeTries = await ana.Api.CheckInAsync(ev.Slug, ticket.Secret);
        var unknownEmail = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/check-in-staff", new { email = "nobody@example.org" });

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, appointed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, volunteerAppoints.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, attendeeTries.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEmail.StatusCode);

        var removed = await ev.Organiser.DeleteAsync($"/api/events/{ev.Slug}/check-in-staff/{volunteer.Id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.Api.PostAsync($"/api/events/{ev.Slug}/check-in/{ticket.Id}/undo", null)).StatusCode);
    }
}
