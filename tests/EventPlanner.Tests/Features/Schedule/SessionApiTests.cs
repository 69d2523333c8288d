using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SessionApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Confirmed_proposals_become_sessions_once_with_their_speakers_and_nothing_else_does()
    {
        var cfp = await CfpKit.CreateAsync(app, "from-cfp");
        var confirmed = await ScheduleKit.ProposalAsync(app, cfp, "conf@example.org", "Confirmed talk", ProposalStates.Confirmed);
        await ScheduleKit.ProposalAsync(app, cfp, "acc@example.org", "Accepted talk", ProposalStates.Accepted);
        await ScheduleKit.ProposalAsync(app, cfp, "rej@example.org", "Rejected talk", ProposalStates.Rejected);
        var api = $"/api/events/{cfp.Slug}/schedule";

        var first = await (await cfp.Organiser.PostAsync($"{api}/sessions/from-proposals", null)).Content.ReadFromJsonAsync<CreatedCount>();
        var again = await (await cfp.Organiser.PostAsync($"{api}/sessions/from-proposals", null)).Content.ReadFromJsonAsync<CreatedCount>();
        var sessions = await cfp.Organiser.GetFromJsonAsync<List<SessionResponse>>($"{api}/sessions");

        Assert.Equal(1, first!.Created);
        Assert.Equal(0, again!.Created);
        var s = Assert.Single(sessions!);
        Assert.Equal((confirmed, "Confirmed talk", "talk", 25), (s.ProposalId!.Value, s.Title, s.Kind, s.DurationMinutes));
        Assert.Equal("conf", Assert.Single(s.Speakers).Name);
        Assert.Equal("Web", s.Track); // the proposal's first choice
        Assert.Null(s.RoomId);
    }

    [Fact]
    public async Task Organisers_add_keynotes_breaks_and_lunch_and_place_them()
    {
        var e = await ScheduleKit.CreateAsync(app, "org-made");
        await ScheduleKit.SpeakerAsync(app, "keynoter@example.org", "Key Noter");
        var keynote = await e.SessionAsync("Opening keynote", "keynote", 45, speakers: ["keynoter@example.org"]);
        var lunch = await e.SessionAsync("Lunch", "lunch", 60);

        var placed = await e.PlaceAsync(keynote, e.Janson, "09:30");
        var lunchPlaced = await e.PlaceAsync(lunch, e.Janson, "12:30");

        Assert.Equal(("Janson", "2027-02-06", "09:30", "10:15"), (placed.Room, placed.Date, placed.Start, placed.End));
        Assert.Equal(DateTimeOffset.Parse("2027-02-06T08:30:00Z"), placed.StartsAt); // Brussels is UTC+1 in February
        Assert.Equal(keynote.Version + 1, placed.Version);
        Assert.Equal("Key Noter", Assert.Single(placed.Speakers).Name);
        Assert.Empty(lunchPlaced.Conflicts);
    }

    [Fact]
    public async Task A_move_based_on_an_old_version_is_refused_with_a_clear_message_and_nothing_is_overwritten()
    {
        var e = await ScheduleKit.CreateAsync(app, "two-organisers");
        var talk = await e.SessionAsync("Contested talk");
        var loadedByBoth = talk.Version;

        var first = await e.PlaceRawAsync(talk.Id, e.Janson, ScheduleKit.Day1, "10:00", loadedByBoth);
        var second = await e.PlaceRawAsync(talk.Id, e.Small, ScheduleKit.Day1, "14:00", loadedByBoth);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Someone else changed \"Contested talk\"", problem.GetProperty("detail").GetString());
        Assert.Contains("in Janson on Sat 6 Feb at 10:00", problem.GetProperty("detail").GetString());
        Assert.Equal(loadedByBoth + 1, problem.GetProperty("currentVersion").GetInt32());
        var now = await e.GetAsync(talk.Id);
        Assert.Equal(("Janson", "10:00"), (now.Room, now.Start));
    }

    [Fact]
    public async Task Concurrent_moves_of_one_session_from_the_same_version_save_exactly_one()
    {
        var e = await ScheduleKit.CreateAsync(app, "race");
        var talk = await e.SessionAsync("Raced talk");

        var moves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            e.PlaceRawAsync(talk.Id, i % 2 == 0 ? e.Janson : e.Small, ScheduleKit.Day1, $"1{i}:00", talk.Version)));

        Assert.Equal(1, moves.Count(m => m.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, moves.Count(m => m.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(talk.Version + 1, (await e.GetAsync(talk.Id)).Version);
    }

    [Fact]
    public async Task Bad_placements_are_field_messages_not_errors()
    {
        var other = await ScheduleKit.CreateAsync(app, "other-rooms");
        var e = await ScheduleKit.CreateAsync(app, "bad-moves");
        var talk = await e.SessionAsync("Talk");

        var foreignRoom = await e.PlaceRawAsync(talk.Id, other.Janson, ScheduleKit.Day1, "10:00", talk.Version);
        var notADay = await e.PlaceRawAsync(talk.Id, e.Janson, "2027-03-01", "10:00", talk.Version);
        var badTime = await e.PlaceRawAsync(talk.Id, e.Janson, ScheduleKit.Day1, "25:00", talk.Version);
        var noVersion = await e.Organiser.PutAsJsonAsync($"{e.Api}/sessions/{talk.Id}/placement", new { roomId = e.Janson, date = ScheduleKit.Day1, start = "10:00" });

        Assert.Equal(HttpStatusCode.BadRequest, foreignRoom.StatusCode);
        Assert.Contains("roomId", (await foreignRoom.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, notADay.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Null((await e.GetAsync(talk.Id)).RoomId);
    }

    [Fact]
    public async Task Someone_who_does_not_organise_the_event_cannot_read_or_move_its_sessions()
    {
        var e = await ScheduleKit.CreateAsync(app, "guarded");
        var talk = await e.SessionAsync("Guarded talk");
        var stranger = await app.CreateApiClientAsync("stranger-sched@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{e.Api}/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PutAsJsonAsync($"{e.Api}/sessions/{talk.Id}/placement",
            new { roomId = e.Janson, date = ScheduleKit.Day1, start = "10:00", version = talk.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{e.Api}/conflicts")).StatusCode);
    }
}
