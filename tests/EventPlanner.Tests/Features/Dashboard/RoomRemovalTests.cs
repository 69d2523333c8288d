using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>
/// Removing a room asks first, saying what else it touches, and changes nothing until confirmed; the public schedule
/// keeps the room and its sessions until the next release; a room holding live bookings (BoFs, community blocks) is refused.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class RoomRemovalTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Events => app.Services.GetRequiredService<EventStore>();
    private VenueStore Venue => app.Services.GetRequiredService<VenueStore>();

    /// <summary>A released schedule with a talk in K.1.105, a free BoF slot there and one in H.2215; the organiser signed in.</summary>
    private async Task<(ScheduleEvent S, HttpClient Browser, long EventId, long FreeEveningSlot)> SetUpAsync(string slug)
    {
        var email = $"org-{slug}@example.org";
        var s = await ScheduleKit.CreateAsync(app, slug, organiserEmail: email);
        await s.PlaceAsync(await s.SessionAsync("Opening keynote", "keynote", 45), s.Janson, "09:15");
        await s.PlaceAsync(await s.SessionAsync("Rust in the kernel", minutes: 40), s.Small, "10:00");
        await s.PlaceAsync(await s.SessionAsync("eBPF for mortals", minutes: 40), s.Small, "11:00");
        (await s.Organiser.PutAsJsonAsync($"{s.Api}/rooms/{s.Medium}/hours/{ScheduleKit.Day1}", new { opensAt = "09:00", closesAt = "21:00" })).EnsureSuccessStatusCode();
        var bofs = $"/api/events/{slug}/bofs";
        await BofKit.Ok(await s.Organiser.PutAsJsonAsync($"{bofs}/settings", new { interestThreshold = 0, roomIds = new[] { s.Small, s.Medium } }));
        await BofKit.SlotAsync(s.Organiser, bofs, s.Small, ScheduleKit.Day1, "12:30", "13:15");
        var evening = await BofKit.SlotAsync(s.Organiser, bofs, s.Medium, ScheduleKit.Day1, "19:00", "20:00");
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var e = await Events.FindAsync(slug);
        return (s, await app.SignInAsync(email), e!.Id, evening);
    }

    private static string Rooms(string slug) => $"/events/{slug}/manage/rooms";

    private async Task<string> PublicScheduleAsync(string slug) =>
        (await (await app.CreateClient().GetAsync($"/events/{slug}/schedule/{ScheduleKit.Day1}")).HtmlAsync()).QuerySelector("main")!.InnerHtml;

    [Fact]
    public async Task Removing_a_room_with_sessions_shows_the_counts_first_and_the_public_schedule_waits_for_the_release()
    {
        var (s, organiser, eventId, _) = await SetUpAsync("rr-counts");
        var publicBefore = await PublicScheduleAsync(s.Slug);
        Assert.Contains("K.1.105", publicBefore);
        Assert.Contains("Rust in the kernel", publicBefore);

        // The Remove link opens the confirmation: counts, nothing changed yet.
        var list = await (await organiser.GetAsync(Rooms(s.Slug))).HtmlAsync();
        var link = list.QuerySelector($"a[aria-label='Remove K.1.105']")!.GetAttribute("href")!;
        var confirm = await (await organiser.GetAsync(link)).HtmlAsync();
        var section = confirm.QuerySelector("section.confirm-step")!;
        int Count(string what) => int.Parse(section.QuerySelector($"[data-impact='{what}']")!.GetAttribute("data-count")!);
        Assert.Equal((2, 1, 0, 0, 0), (Count("programme"), Count("bof-slots"), Count("community-blocks"), Count("booked-bofs"), Count("community-requests")));
        Assert.Contains("The public schedule does not change until your next release", section.TextContent);
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Small);

        // A post without the confirmation's stamp (an old form, a script) only shows the confirmation again.
        var unconfirmed = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={s.Small}", new(), getUrl: Rooms(s.Slug));
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotNull((await unconfirmed.HtmlAsync()).QuerySelector("section.confirm-step"));
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Small);

        var stamp = section.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;
        var removed = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={s.Small}", new() { ["stamp"] = stamp }, getUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Small);
        var sessions = await s.Organiser.GetFromJsonAsync<List<Web.Features.Schedule.SessionResponse>>($"{s.Api}/sessions");
        Assert.Null(sessions!.Single(x => x.Title == "Rust in the kernel").RoomId);
        Assert.DoesNotContain(await app.Services.GetRequiredService<BofSetupStore>().SlotsAsync(eventId), x => x.RoomId == s.Small);

        // The public schedule is a release: unchanged until the next one, then without the room.
        Assert.Equal(publicBefore, await PublicScheduleAsync(s.Slug));
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var publicAfter = await PublicScheduleAsync(s.Slug);
        Assert.DoesNotContain("K.1.105", publicAfter);
        Assert.DoesNotContain("Rust in the kernel", publicAfter);
        Assert.Contains("Opening keynote", publicAfter);
    }

    [Fact]
    public async Task A_room_with_a_booked_bof_is_refused_until_the_bof_moves()
    {
        var (s, organiser, eventId, evening) = await SetUpAsync("rr-bof");
        var proposer = await app.CreateApiClientAsync("rr-bof-proposer@example.org");
        var bof = await (await BofKit.Ok(await proposer.PostAsJsonAsync($"/api/events/{s.Slug}/bofs", new { title = "Rust BoF", description = "" })))
            .Content.ReadFromJsonAsync<BofResponse>();
        await BofKit.Ok(await proposer.PutAsJsonAsync($"/api/events/{s.Slug}/bofs/{bof!.Id}/booking", new { slotId = evening }));

        var page = await (await organiser.GetAsync($"{Rooms(s.Slug)}?remove={s.Medium}")).HtmlAsync();
        var section = page.QuerySelector("section.confirm-step")!;
        Assert.Equal("1", section.QuerySelector("[data-impact='booked-bofs']")!.GetAttribute("data-count"));
        Assert.NotNull(section.QuerySelector("[data-blocked]"));
        Assert.Null(section.QuerySelector("form"));

        // Posting anyway (with a stamp made up to match) changes nothing.
        var forced = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={s.Medium}", new() { ["stamp"] = "0.1.0.0.1.0.0" }, getUrl: Rooms(s.Slug));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Medium);

        // The API says the same: the preview counts it, DELETE is 409 with the reason, and a room without bookings goes.
        var preview = await s.Organiser.GetFromJsonAsync<Web.Features.Dashboard.RoomImpact>($"/api/events/{s.Slug}/rooms/{s.Medium}/removal");
        Assert.Equal((1, true), (preview!.BookedBofs, preview.Blocked));
        var refused = await s.Organiser.DeleteAsync($"/api/events/{s.Slug}/rooms/{s.Medium}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("booked BoF", await refused.Content.ReadAsStringAsync());
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Medium);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Organiser.DeleteAsync($"/api/events/{s.Slug}/rooms/{s.Small}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.DeleteAsync($"/api/events/{s.Slug}/rooms/{s.Small}")).StatusCode);
    }

    [Fact]
    public async Task A_room_that_changed_after_the_confirmation_was_shown_is_asked_about_again()
    {
        var (s, organiser, eventId, _) = await SetUpAsync("rr-changed");
        var section = (await (await organiser.GetAsync($"{Rooms(s.Slug)}?remove={s.Medium}")).HtmlAsync()).QuerySelector("section.confirm-step")!;
        var stamp = section.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;

        // Meanwhile another organiser puts a talk in that room.
        await s.PlaceAsync(await s.SessionAsync("Late addition", minutes: 30), s.Medium, "15:00");

        var response = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={s.Medium}", new() { ["stamp"] = stamp }, getUrl: Rooms(s.Slug));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = (await response.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal("1", again.QuerySelector("[data-impact='programme']")!.GetAttribute("data-count"));
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Rooms, r => r.Id == s.Medium);
    }

    [Fact]
    public async Task Hostile_room_removal_input_is_a_4xx_or_a_harmless_page()
    {
        var (s, organiser, eventId, _) = await SetUpAsync("rr-hostile");
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"{Rooms(s.Slug)}?remove=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"{Rooms(s.Slug)}?remove=abc")).StatusCode);
        var huge = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={s.Janson}", new() { ["stamp"] = new string('9', 50_000) }, getUrl: Rooms(s.Slug));
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        var notANumber = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id=abc", new(), getUrl: Rooms(s.Slug));
        Assert.True((int)notANumber.StatusCode is >= 300 and < 500, $"{(int)notANumber.StatusCode}");
        Assert.Equal(3, (await Venue.ListPartsAsync(eventId)).Rooms.Count);
        // Another event's room is not found through this event's page.
        var other = await ScheduleKit.CreateAsync(app, "rr-hostile-other");
        var theirs = await organiser.PostFormAsync($"{Rooms(s.Slug)}?handler=Remove&id={other.Janson}", new() { ["stamp"] = "0.0.0.0.0.0.0" }, getUrl: Rooms(s.Slug));
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        Assert.Equal(3, (await Venue.ListPartsAsync((await Events.FindAsync("rr-hostile-other"))!.Id)).Rooms.Count);
    }
}
