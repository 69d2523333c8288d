using System.Net.Http.Json;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Schedule;

/// <summary>Each conflict kind provoked through the API and reported on the session and in the summary.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ConflictApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static bool Has(SessionResponse s, string kind) => s.Conflicts.Any(c => c.Kind == kind);

    [Fact]
    public async Task A_room_booked_twice_is_reported_on_both_sessions_and_clears_when_one_moves()
    {
        var e = await ScheduleKit.CreateAsync(app, "c-room");
        var a = await e.PlaceAsync(await e.SessionAsync("A"), e.Small, "10:00");
        var b = await e.PlaceAsync(await e.SessionAsync("B"), e.Small, "10:15");

        Assert.True(Has(b, ConflictKinds.RoomDoubleBooked));
        Assert.True(Has(await e.GetAsync(a.Id), ConflictKinds.RoomDoubleBooked));

        await e.PlaceAsync(b, e.Small, "10:30");
        Assert.Empty((await e.GetAsync(a.Id)).Conflicts);
    }

    [Fact]
    public async Task A_speaker_in_two_places_is_reported_including_a_co_located_event_in_the_same_venue()
    {
        await ScheduleKit.SpeakerAsync(app, "busy@example.org", "Busy Bee");
        var main = await ScheduleKit.CreateAsync(app, "c-main", organiserEmail: "c-main-org@example.org");
        var side = await ScheduleKit.CreateAsync(app, "c-side", parentSlug: "c-main", organiserEmail: "c-main-org@example.org");
        var elsewhere = await ScheduleKit.CreateAsync(app, "c-far", venue: "Another venue", parentSlug: "c-main", organiserEmail: "c-main-org@example.org");

        var one = await main.PlaceAsync(await main.SessionAsync("One", speakers: ["busy@example.org"]), main.Janson, "10:00");
        var two = await main.PlaceAsync(await main.SessionAsync("Two", speakers: ["busy@example.org"]), main.Small, "10:20");
        Assert.True(Has(two, ConflictKinds.SpeakerDoubleBooked));

        await main.PlaceAsync(two, main.Small, "11:00");
        Assert.Empty((await main.GetAsync(one.Id)).Conflicts);

        await side.PlaceAsync(await side.SessionAsync("Side talk", speakers: ["busy@example.org"]), side.Janson, "10:10");
        await elsewhere.PlaceAsync(await elsewhere.SessionAsync("Far talk", speakers: ["busy@example.org"]), elsewhere.Janson, "11:00");

        var c = Assert.Single((await main.GetAsync(one.Id)).Conflicts);
        Assert.Equal(ConflictKinds.SpeakerDoubleBooked, c.Kind);
        Assert.Contains("Event c-side", c.Message);
        Assert.Empty((await main.GetAsync(two.Id)).Conflicts); // the other venue's session at 11:00 is no clash
    }

    [Fact]
    public async Task A_session_outside_the_availability_its_speaker_gave_in_the_cfp_is_reported()
    {
        var cfp = await CfpKit.CreateAsync(app, "c-avail"); // proposals say: 2027-03-05, 09:00 to 12:00
        await ScheduleKit.ProposalAsync(app, cfp, "avail@example.org", "Morning person", ProposalStates.Confirmed);
        var api = $"/api/events/{cfp.Slug}/schedule";
        await cfp.Organiser.PostAsync($"{api}/sessions/from-proposals", null);
        var room = (await cfp.Organiser.PostAsJsonAsync($"/api/events/{cfp.Slug}/rooms", new { name = "Hall", capacity = 100 })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var roomId = (await room).GetProperty("id").GetInt64();
        var s = (await cfp.Organiser.GetFromJsonAsync<List<SessionResponse>>($"{api}/sessions"))!.Single();

        var afternoon = await (await cfp.Organiser.PutAsJsonAsync($"{api}/sessions/{s.Id}/placement",
            new { roomId, date = "2027-03-05", start = "14:00", version = s.Version })).ReadSessionAsync();
        var morning = await (await cfp.Organiser.PutAsJsonAsync($"{api}/sessions/{s.Id}/placement",
            new { roomId, date = "2027-03-05", start = "10:00", version = afternoon.Version })).ReadSessionAsync();

        Assert.True(Has(afternoon, ConflictKinds.OutsideAvailability));
        Assert.Empty(morning.Conflicts);
    }

    [Fact]
    public async Task A_session_outside_the_days_or_the_rooms_opening_hours_is_reported()
    {
        var e = await ScheduleKit.CreateAsync(app, "c-hours");
        var early = await e.PlaceAsync(await e.SessionAsync("Early"), e.Janson, "08:00");
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/rooms/{e.Small}/hours/{ScheduleKit.Day1}", new { opensAt = "13:00", closesAt = "16:00" })).EnsureSuccessStatusCode();
        var side = await e.PlaceAsync(await e.SessionAsync("Side room morning"), e.Small, "10:00");

        Assert.True(Has(early, ConflictKinds.OutsideOpeningHours));
        Assert.Contains("K.1.105 is open 13:00–16:00", side.Conflicts.Single().Message);
    }

    [Fact]
    public async Task An_expected_audience_above_the_rooms_seats_is_a_warning()
    {
        var e = await ScheduleKit.CreateAsync(app, "c-capacity");
        var popular = await e.PlaceAsync(await e.SessionAsync("Popular", audience: 300), e.Small, "10:00");

        var c = Assert.Single(popular.Conflicts);
        Assert.Equal((ConflictKinds.OverCapacity, Severities.Warning), (c.Kind, c.Severity));
    }

    [Fact]
    public async Task A_session_longer_or_shorter_than_its_slot_is_reported()
    {
        var e = await ScheduleKit.CreateAsync(app, "c-slots");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/slots", new { date = ScheduleKit.Day1, starts = "10:00", ends = "10:30" })).EnsureSuccessStatusCode();
        var longer = await e.PlaceAsync(await e.SessionAsync("Long", minutes: 45), e.Janson, "10:00");
        var shorter = await e.PlaceAsync(await e.SessionAsync("Short", minutes: 20), e.Small, "10:00");

        Assert.True(Has(longer, ConflictKinds.LongerThanSlot));
        Assert.True(Has(shorter, ConflictKinds.ShorterThanSlot));
    }

    [Fact]
    public async Task Two_sessions_of_one_track_in_parallel_are_a_warning_in_the_summary()
    {
        var e = await ScheduleKit.CreateAsync(app, "c-track");
        await e.PlaceAsync(await e.SessionAsync("Kernel one", trackId: e.Kernel), e.Janson, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Kernel two", trackId: e.Kernel), e.Small, "10:00");

        var summary = await e.Organiser.GetFromJsonAsync<ConflictSummary>($"{e.Api}/conflicts");

        Assert.Equal((0, 2), (summary!.Errors, summary.Warnings));
        Assert.All(summary.Conflicts, c => Assert.Equal(ConflictKinds.TrackInParallel, c.Kind));
    }
}
