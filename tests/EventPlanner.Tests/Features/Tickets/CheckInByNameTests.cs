using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CheckInByNameTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static Task<DeskSearchResponse?> SearchAsync(HttpClient staff, TestEvent ev, string q) =>
        staff.GetFromJsonAsync<DeskSearchResponse>($"/api/events/{ev.Slug}/check-in/search?q={Uri.EscapeDataString(q)}");

    [Fact]
    public async Task A_volunteer_finds_namesakes_apart_and_checks_the_right_one_in_once()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync("Community");
        var first = await app.NamedAttendeeAsync("Siti Rahmah", "siti");
        var second = await app.NamedAttendeeAsync("Siti Rahmah", "rahmah");
        var firstTicket = await first.TicketAsync(ev.Slug, type);
        var secondTicket = await second.TicketAsync(ev.Slug, type);
        var volunteer = await app.VolunteerAsync(ev);

        var found = (await SearchAsync(volunteer.Api, ev, "siti rah"))!;
        var admitted = await volunteer.Api.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{secondTicket.Id}", null);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await volunteer.Api.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{secondTicket.Id}", null);
        var after = (await SearchAsync(volunteer.Api, ev, "SITI"))!;
        var counts = await ev.Organiser.GetFromJsonAsync<List<TypeCountResponse>>($"/api/events/{ev.Slug}/check-in/counts");

        Assert.Equal([firstTicket.Id, secondTicket.Id], found.Matches.Select(m => m.TicketId).Order());
        // Two people of one name are told apart by the first letter and domain of their email, never the whole address.
        Assert.Equal(["r•••@example.org", "s•••@example.org"], found.Matches.Select(m => m.EmailHint).Order());
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        var ok = (await admitted.Content.ReadFromJsonAsync<CheckInResponse>())!;
        Assert.Equal((CheckInOutcomes.Accepted, secondTicket.Id), (ok.Outcome, ok.TicketId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var refused = (await again.Content.ReadFromJsonAsync<CheckInResponse>())!;
        Assert.Equal(CheckInOutcomes.AlreadyCheckedIn, refused.Outcome);
        Assert.Equal(ok.CheckedInAt, refused.CheckedInAt);
        Assert.Contains("already checked in at", refused.Reason);
        Assert.Equal(AttendeeStates.CheckedIn, after.Matches.Single(m => m.TicketId == secondTicket.Id).State);
        Assert.Equal(AttendeeStates.Valid, after.Matches.Single(m => m.TicketId == firstTicket.Id).State);
        Assert.Equal(1, counts!.Single().CheckedIn);
    }

    [Fact]
    public async Task Cancelled_tickets_are_neither_listed_nor_admitted_and_another_events_ticket_is_not_found()
    {
        var ev = await app.EventAsync();
        var other = await app.EventAsync();
        var type = await ev.TypeAsync();
        var person = await app.NamedAttendeeAsync("Kavitha Raman");
        var cancelled = await person.TicketAsync(ev.Slug, type);
        (await person.Api.PostAsync($"/api/my/tickets/{cancelled.Id}/cancel", null)).EnsureSuccessStatusCode();
        var elsewhere = await (await app.NamedAttendeeAsync("Kavitha Elsewhere")).TicketAsync(other.Slug, await other.TypeAsync());

        var found = (await SearchAsync(ev.Organiser, ev, "kavitha"))!;
        var tryCancelled = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{cancelled.Id}", null);
        var tryElsewhere = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/check-in/tickets/{elsewhere.Id}", null);

        Assert.Empty(found.Matches);
        Assert.Equal(HttpStatusCode.Conflict, tryCancelled.StatusCode);
        Assert.Equal(CheckInOutcomes.Cancelled, (await tryCancelled.Content.ReadFromJsonAsync<CheckInResponse>())!.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, tryElsewhere.StatusCode);
    }

    [Fact]
    public async Task The_desk_needs_two_characters_and_a_whole_email_before_the_at_and_never_shows_full_emails()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var person = await app.NamedAttendeeAsync("Wei Jie", "weijie");
        var ticket = await person.TicketAsync(ev.Slug, type);
        var localPart = person.Email[..person.Email.IndexOf('@')];

        var short_ = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/check-in/search?q=w");
        var blank = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/check-in/search?q=%20%20");
        var huge = await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/check-in/search?q={new string('w', 1000)}");
        var partOfEmail = (await SearchAsync(ev.Organiser, ev, localPart[..8]))!;
        var wholeEmail = await ev.Organiser.GetStringAsync($"/api/events/{ev.Slug}/check-in/search?q={Uri.EscapeDataString(localPart.ToUpperInvariant() + "@")}");

        Assert.Equal(HttpStatusCode.BadRequest, short_.StatusCode);
        Assert.Contains("at least 2 characters", await short_.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Empty(partOfEmail.Matches);
        Assert.Contains($"\"ticketId\":{ticket.Id}", wholeEmail);
        Assert.DoesNotContain(person.Email, wholeEmail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_desk_lists_at_most_ten_and_says_there_are_more()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 100, perOrderLimit: 10);
        var crowd = await app.CrowdAsync("tan", 2);
        foreach (var person in crowd) (await person.Api.RegisterAsync(ev.Slug, type, attendees: 6)).EnsureSuccessStatusCode();

        var found = (await SearchAsync(ev.Organiser, ev, "tan"))!;

        Assert.Equal(AttendeeRules.DeskMaxMatches, found.Matches.Count);
        Assert.True(found.More);
    }
}
