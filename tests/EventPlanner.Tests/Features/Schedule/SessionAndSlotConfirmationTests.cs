using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>
/// Deleting a session and removing a grid slot on the organisers' pages ask first, with counts read from the database;
/// the confirming post does it; a confirmation that no longer matches is shown again with fresh counts.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SessionAndSlotConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private SessionStore Sessions => app.Services.GetRequiredService<SessionStore>();
    private AgendaStore Agenda => app.Services.GetRequiredService<AgendaStore>();

    private async Task<(ScheduleEvent S, HttpClient Browser, long EventId)> SetUpAsync(string slug)
    {
        var email = $"org-{slug}@example.org";
        var s = await ScheduleKit.CreateAsync(app, slug, organiserEmail: email);
        var eventId = (await app.Services.GetRequiredService<EventStore>().FindAsync(slug))!.Id;
        return (s, await app.SignInAsync(email), eventId);
    }

    [Fact]
    public async Task Deleting_a_session_shows_its_speakers_and_stars_asks_again_after_a_new_star_and_then_deletes_it()
    {
        var (s, organiser, eventId) = await SetUpAsync("sc-delete");
        await ScheduleKit.SpeakerAsync(app, "sc-delete-ada@example.org", "Ada Lovelace");
        var fan = await app.CreateUserAsync("sc-delete-fan@example.org");
        var fan2 = await app.CreateUserAsync("sc-delete-fan2@example.org");
        var talk = await s.PlaceAsync(await s.SessionAsync("Rust in the kernel", speakers: ["sc-delete-ada@example.org"]), s.Small, "10:00");
        Assert.True(await Agenda.StarAsync(fan.Id, eventId, talk.Id));
        var page = $"/events/{s.Slug}/schedule/manage/sessions/{talk.Id}";
        var url = $"{page}?handler=Delete";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal((1, 1, 0), (first.Count("speakers"), first.Count("stars"), first.Count("released")));
        Assert.Contains("Ada Lovelace", first.TextContent);
        Assert.Contains("The public schedule does not change", first.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await s.Organiser.GetAsync($"{s.Api}/sessions/{talk.Id}")).StatusCode);

        Assert.True(await Agenda.StarAsync(fan2.Id, eventId, talk.Id));
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("stars"));
        Assert.Equal(HttpStatusCode.OK, (await s.Organiser.GetAsync($"{s.Api}/sessions/{talk.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync($"{s.Api}/sessions/{talk.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_released_session_is_not_deleted_the_confirmation_says_to_cancel_it_instead()
    {
        var (s, organiser, _) = await SetUpAsync("sc-released");
        var talk = await s.PlaceAsync(await s.SessionAsync("Opening keynote", "keynote", 45), s.Janson, "09:15");
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var page = $"/events/{s.Slug}/schedule/manage/sessions/{talk.Id}";

        var confirmation = await organiser.ConfirmationAsync($"{page}?handler=Delete", new(), page);
        Assert.Equal(1, confirmation.Count("released"));
        Assert.NotNull(confirmation.QuerySelector("[data-blocked]"));
        Assert.Null(confirmation.QuerySelector("form"));
        var forced = await organiser.PostFormAsync($"{page}?handler=Delete", new() { ["stamp"] = confirmation.GetAttribute("data-stamp")! }, page);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Organiser.GetAsync($"{s.Api}/sessions/{talk.Id}")).StatusCode);
    }

    [Fact]
    public async Task Removing_a_slot_counts_the_sessions_inside_asks_again_after_one_was_placed_and_then_removes_it()
    {
        var (s, organiser, eventId) = await SetUpAsync("sc-slot");
        var slot = await (await s.Organiser.PostAsJsonAsync($"{s.Api}/slots", new { date = ScheduleKit.Day1, starts = "09:30", ends = "10:30", roomId = s.Small }))
            .Content.ReadFromJsonAsync<IdOnly>();
        await s.PlaceAsync(await s.SessionAsync("Rust in the kernel"), s.Small, "10:00");
        await s.PlaceAsync(await s.SessionAsync("Elsewhere"), s.Medium, "10:00");
        const string pathTail = "/schedule/manage/slots";
        var page = $"/events/{s.Slug}{pathTail}";
        var url = $"{page}?handler=Remove&slotId={slot!.Id}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal(1, first.Count("sessions"));
        Assert.Contains(await Sessions.ListSlotsAsync(eventId), x => x.Id == slot.Id);

        await s.PlaceAsync(await s.SessionAsync("eBPF for mortals", minutes: 10), s.Small, "09:45");
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("sessions"));
        Assert.Contains(await Sessions.ListSlotsAsync(eventId), x => x.Id == slot.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.DoesNotContain(await Sessions.ListSlotsAsync(eventId), x => x.Id == slot.Id);
        Assert.Equal(3, (await s.Organiser.GetFromJsonAsync<List<SessionResponse>>($"{s.Api}/sessions"))!.Count(x => x.RoomId is not null));
    }

    private sealed record IdOnly(long Id);
}
