using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>Proposing, interest, the threshold, who may book, cancelling, and the checks a booking makes against the schedule.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Booking_is_refused_until_enough_other_people_are_interested()
    {
        var e = await BofKit.CreateAsync(app, "bof-threshold", threshold: 3);
        var proposer = await app.UserAsync("proposer");
        var bof = await e.ProposeAsync(proposer, "Rust for Linux: next steps", "Where the bindings go after 6.13.");
        Assert.Equal(("gathering", 0, 3), (bof.State, bof.InterestCount, bof.Threshold));

        var early = await e.BookAsync(proposer.Api, bof.Id, e.Evening);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("once 3 people are interested", (await ProblemAsync(early)).GetProperty("errors").GetProperty("slotId")[0].GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await e.InterestAsync(proposer, bof.Id)).StatusCode); // their own does not count
        var fans = await e.InterestedAsync(app, bof.Id, 2);
        Assert.Equal(HttpStatusCode.OK, (await e.InterestAsync(fans[0], bof.Id)).StatusCode); // marking twice counts once
        Assert.Equal(HttpStatusCode.BadRequest, (await e.BookAsync(proposer.Api, bof.Id, e.Evening)).StatusCode);

        var third = await (await e.InterestAsync(await app.UserAsync(), bof.Id)).ReadBofAsync();
        Assert.Equal(("ready", 3, true), (third.State, third.InterestCount, third.Interested));
        var withdrawn = await (await fans[1].Api.DeleteAsync($"{e.Api}/{bof.Id}/interest")).ReadBofAsync();
        Assert.Equal(("gathering", 2, false), (withdrawn.State, withdrawn.InterestCount, withdrawn.Interested));
        Assert.Equal(HttpStatusCode.BadRequest, (await e.BookAsync(proposer.Api, bof.Id, e.Evening)).StatusCode);
        await e.InterestAsync(fans[1], bof.Id);

        var booked = await (await e.BookAsync(proposer.Api, bof.Id, e.Evening)).ReadBofAsync();
        Assert.Equal("booked", booked.State);
        Assert.Equal(("H.2215", new TimeOnly(19, 0), new TimeOnly(20, 0)), (booked.Booking!.Room, booked.Booking.Starts, booked.Booking.Ends));
        Assert.Equal(DateTimeOffset.Parse("2027-02-06T18:00:00Z"), booked.Booking.StartsAt);
    }

    [Fact]
    public async Task Only_the_proposer_or_an_organiser_of_this_event_can_book_move_or_cancel()
    {
        var e = await BofKit.CreateAsync(app, "bof-who", threshold: 1);
        var other = await BofKit.CreateAsync(app, "bof-who-other");
        var proposer = await app.UserAsync("proposer");
        var bof = await e.ProposeAsync(proposer, "Packaging Rust crates for Debian");
        var fan = (await e.InterestedAsync(app, bof.Id, 1))[0];

        Assert.Equal(HttpStatusCode.Forbidden, (await e.BookAsync(fan.Api, bof.Id, e.Evening)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await e.BookAsync(other.Organiser, bof.Id, e.Evening)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await e.BookAsync(app.CreateClient(), bof.Id, e.Evening)).StatusCode);
        await (await e.BookAsync(proposer.Api, bof.Id, e.Evening)).ReadBofAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await e.BookAsync(other.Organiser, bof.Id, e.Lunch)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await e.CancelAsync(other.Organiser, bof.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await e.CancelAsync(fan.Api, bof.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Organiser.PostAsJsonAsync($"{e.Api}/slots",
            new { roomId = e.S.Small, date = ScheduleKit.Day2, starts = "12:30", ends = "13:15" })).StatusCode);
        Assert.Equal("H.2215", (await app.CreateClient().GetFromJsonAsync<BofResponse>($"{e.Api}/{bof.Id}"))!.Booking!.Room);

        // This event's organisers override: move it, book another BoF below the threshold on its proposer's behalf, cancel.
        var moved = await (await e.BookAsync(e.Organiser, bof.Id, e.Lunch)).ReadBofAsync();
        Assert.Equal("K.1.105", moved.Booking!.Room);
        var quiet = await e.ProposeAsync(await app.UserAsync("proposer"), "Accessibility in GNOME apps");
        Assert.Equal("booked", (await (await e.BookAsync(e.Organiser, quiet.Id, e.Evening)).ReadBofAsync()).State);
        Assert.Equal("cancelled", (await (await e.CancelAsync(e.Organiser, quiet.Id)).ReadBofAsync()).State);
    }

    [Fact]
    public async Task A_taken_slot_is_refused_with_the_free_alternatives_and_cancelling_frees_it()
    {
        var e = await BofKit.CreateAsync(app, "bof-cancel", threshold: 0);
        var extra = await BofKit.SlotAsync(e.Organiser, e.Api, e.S.Small, ScheduleKit.Day2, "12:30", "13:15");
        var firstProposer = (await app.UserAsync("proposer")).Api;
        var secondProposer = (await app.UserAsync("proposer")).Api;
        var first = await (await firstProposer.PostAsJsonAsync(e.Api, new { title = "Reproducible builds: where are we" })).ReadBofAsync();
        var second = await (await secondProposer.PostAsJsonAsync(e.Api, new { title = "Self-hosting Matrix for a user group" })).ReadBofAsync();
        await (await e.BookAsync(firstProposer, first.Id, e.Lunch)).ReadBofAsync();

        var refused = await e.BookAsync(secondProposer, second.Id, e.Lunch);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await ProblemAsync(refused);
        Assert.Contains("\"Reproducible builds: where are we\" booked that slot first.", problem.GetProperty("detail").GetString());
        Assert.Equal([e.Evening, extra], problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        var slots = (await app.CreateClient().GetFromJsonAsync<List<BofSlotResponse>>($"{e.Api}/slots"))!;
        Assert.Equal((false, first.Id), (slots.Single(s => s.Id == e.Lunch).Free, slots.Single(s => s.Id == e.Lunch).BofId));

        Assert.Equal("cancelled", (await (await e.CancelAsync(firstProposer, first.Id)).ReadBofAsync()).State);
        slots = (await app.CreateClient().GetFromJsonAsync<List<BofSlotResponse>>($"{e.Api}/slots"))!;
        Assert.Equal((true, (long?)null), (slots.Single(s => s.Id == e.Lunch).Free, slots.Single(s => s.Id == e.Lunch).BofId));
        var booked = await (await e.BookAsync(secondProposer, second.Id, e.Lunch)).ReadBofAsync();
        Assert.Equal(e.Lunch, booked.Booking!.SlotId);

        var titles = await PublicTitlesAsync(e.Slug);
        Assert.Contains("Self-hosting Matrix for a user group", titles);
        Assert.DoesNotContain("Reproducible builds: where are we", titles);
        Assert.Equal(HttpStatusCode.BadRequest, (await e.InterestAsync(await app.UserAsync(), first.Id)).StatusCode); // cancelled: no more interest
    }

    [Fact]
    public async Task A_booking_must_not_clash_with_a_session_in_the_room_or_the_proposers_own_talk()
    {
        var e = await BofKit.CreateAsync(app, "bof-clash", threshold: 0);
        // The organisers put a session into the lunch slot's room after the slot was made (not released yet: it still counts).
        await e.S.PlaceAsync(await e.S.SessionAsync("Sponsor lunch talk", minutes: 30), e.S.Small, "12:45");
        var proposer = await app.UserAsync("speaker");
        var bof = await e.ProposeAsync(proposer, "Kernel maintainers' burnout");

        var refused = await e.BookAsync(proposer.Api, bof.Id, e.Lunch);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("K.1.105 is also booked for \"Sponsor lunch talk\"", (await ProblemAsync(refused)).GetProperty("detail").GetString());

        // The proposer speaks in Janson at 19:30 on the first day: the evening BoF would put them in two places.
        (await e.Organiser.PutAsJsonAsync($"{e.S.Api}/rooms/{e.S.Janson}/hours/{ScheduleKit.Day1}", new { opensAt = "09:00", closesAt = "21:00" })).EnsureSuccessStatusCode();
        await e.S.PlaceAsync(await e.S.SessionAsync("Evening keynote", "keynote", 30, speakers: [proposer.Email]), e.S.Janson, "19:30");
        var clash = await e.BookAsync(proposer.Api, bof.Id, e.Evening);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var clashProblem = await ProblemAsync(clash);
        Assert.Contains("also speaks in \"Evening keynote\"", clashProblem.GetProperty("detail").GetString());
        Assert.Empty(clashProblem.GetProperty("alternatives").EnumerateArray());

        var day2 = await BofKit.SlotAsync(e.Organiser, e.Api, e.S.Medium, ScheduleKit.Day2, "12:30", "13:15");
        await (await e.BookAsync(proposer.Api, bof.Id, day2)).ReadBofAsync();
        var conflicts = await e.Organiser.GetFromJsonAsync<JsonElement>($"{e.S.Api}/conflicts");
        var bofSession = (await e.Organiser.GetFromJsonAsync<List<SessionResponse>>($"{e.S.Api}/sessions"))!.Single(s => s.Title == "Kernel maintainers' burnout");
        Assert.DoesNotContain(conflicts.GetProperty("conflicts").EnumerateArray(),
            c => c.GetProperty("sessionId").GetInt64() == bofSession.Id && c.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task Organisers_set_the_threshold_rooms_and_slots_inside_opening_hours()
    {
        var e = await BofKit.CreateAsync(app, "bof-setup");
        var settings = await e.Organiser.GetFromJsonAsync<BofSettingsResponse>($"{e.Api}/settings");
        Assert.Equal(3, settings!.InterestThreshold);
        Assert.Equal(["K.1.105", "H.2215"], settings.Rooms.Select(r => r.Name));

        async Task<string> RefusedAsync(long roomId, string date, string starts, string ends)
        {
            var response = await e.Organiser.PostAsJsonAsync($"{e.Api}/slots", new { roomId, date, starts, ends });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await ProblemAsync(response)).GetProperty("errors").ToString();
        }
        Assert.Contains("not a BoF room", await RefusedAsync(e.S.Janson, ScheduleKit.Day1, "12:30", "13:15"));
        Assert.Contains("open 09:00–18:00", await RefusedAsync(e.S.Small, ScheduleKit.Day1, "19:00", "20:00")); // K.1.105 closes at 18:00
        Assert.Contains("already has a BoF slot", await RefusedAsync(e.S.Medium, ScheduleKit.Day1, "19:30", "20:30"));
        Assert.Contains("not a day of", await RefusedAsync(e.S.Medium, "2027-02-08", "12:30", "13:00"));

        var proposer = await app.UserAsync();
        var bof = await e.ProposeAsync(proposer, "OpenStreetMap mapping party");
        await (await e.BookAsync(e.Organiser, bof.Id, e.Evening)).ReadBofAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.DeleteAsync($"{e.Api}/slots/{e.Evening}")).StatusCode);
        var keepsRoom = await e.Organiser.PutAsJsonAsync($"{e.Api}/settings", new { interestThreshold = 2, roomIds = new[] { e.S.Small } });
        Assert.Equal(HttpStatusCode.BadRequest, keepsRoom.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await e.Organiser.DeleteAsync($"{e.Api}/slots/{e.Lunch}")).StatusCode);
        var saved = await (await e.Organiser.PutAsJsonAsync($"{e.Api}/settings", new { interestThreshold = 2, roomIds = new[] { e.S.Medium } })).Content.ReadFromJsonAsync<BofSettingsResponse>();
        Assert.Equal(2, saved!.InterestThreshold);
        Assert.Equal(["H.2215"], saved.Rooms.Select(r => r.Name));
        Assert.Equal(HttpStatusCode.Forbidden, (await proposer.Api.GetAsync($"{e.Api}/settings")).StatusCode);
    }

    [Fact]
    public async Task Notices_go_to_the_proposer_at_the_threshold_and_to_the_interested_only_on_booking_moves_and_cancellation()
    {
        var e = await BofKit.CreateAsync(app, "bof-notices", threshold: 2);
        var proposer = await app.UserAsync("proposer");
        var bystander = await app.UserAsync("bystander");
        var bof = await e.ProposeAsync(proposer, "Mentoring first-time contributors");
        var fans = await e.InterestedAsync(app, bof.Id, 2);
        await fans[1].Api.DeleteAsync($"{e.Api}/{bof.Id}/interest");
        await e.InterestAsync(fans[1], bof.Id); // the threshold is reached again: still one notice
        var late = (await e.InterestedAsync(app, bof.Id, 1))[0];
        Assert.Equal([proposer.Id], await RecipientsAsync(BofNotificationKinds.ThresholdReached.Name, e));
        var mail = await app.Mail.WaitForAsync(proposer.Email, "can be booked");
        Assert.Contains($"/events/{e.Slug}/bofs#bof-{bof.Id}", mail.TextBody);

        await (await e.BookAsync(proposer.Api, bof.Id, e.Lunch)).ReadBofAsync();
        var interested = new[] { fans[0].Id, fans[1].Id, late.Id }.Order().ToArray();
        Assert.Equal(interested, await RecipientsAsync(BofNotificationKinds.Booked.Name, e));
        Assert.Contains("12:30–13:15", (await app.Mail.WaitForAsync(late.Email, "is on")).Subject);

        await (await e.BookAsync(e.Organiser, bof.Id, e.Evening)).ReadBofAsync(); // an organiser moves it: the proposer hears too
        Assert.Equal(interested.Append(proposer.Id).Order(), await RecipientsAsync(BofNotificationKinds.Moved.Name, e));
        await (await e.CancelAsync(proposer.Api, bof.Id)).ReadBofAsync();
        Assert.Equal(interested, await RecipientsAsync(BofNotificationKinds.Cancelled.Name, e));

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notifications WHERE user_id = @Id AND kind LIKE 'bof-%'", bystander));
    }

    private async Task<long[]> RecipientsAsync(string kind, BofEvent e)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<long>("""
            SELECT n.user_id FROM notifications n JOIN events ev ON ev.id = n.event_id WHERE n.kind = @kind AND ev.slug = @Slug ORDER BY n.user_id
            """, new { kind, e.Slug })).ToArray();
    }

    internal async Task<List<string>> PublicTitlesAsync(string slug)
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/events/{slug}/schedule.json"));
        var titles = new List<string>();
        foreach (var day in json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray())
            foreach (var room in day.GetProperty("rooms").EnumerateObject())
                foreach (var ev in room.Value.EnumerateArray()) titles.Add(ev.GetProperty("title").GetString()!);
        return titles;
    }
}
