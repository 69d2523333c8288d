using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Schedule.Suggestions;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>The organiser's weights reach the solver through the API and the page, and move the proposal their way.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestWeightsTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task<SuggestionResponse> ReplanAsync(ScheduleEvent e, object weights)
    {
        var response = await e.Organiser.PostAsJsonAsync($"{e.Api}/suggestions", new { mode = "replan", timeLimitSeconds = 5, weights });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<SuggestionResponse>())!;
        return await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, run.Id);
    }

    [Fact]
    public async Task Track_in_one_room_weight_0_keeps_the_draft_and_a_high_weight_moves_a_talk_into_its_tracks_room()
    {
        // The draft runs one kernel talk in Small and the next in Medium: one track room change. Moving one costs the
        // move weight (30 by default); keeping the track in one room is worth its own weight.
        var e = await ScheduleKit.CreateAsync(app, "suggest-weights-track");
        var first = await e.PlaceAsync(await e.SessionAsync("Kernel one", trackId: e.Kernel), e.Small, "10:00");
        var second = await e.PlaceAsync(await e.SessionAsync("Kernel two", trackId: e.Kernel), e.Medium, "10:30");

        var ignored = await ReplanAsync(e, new { trackRoom = 0 });
        Assert.Equal(SuggestionStates.Done, ignored.State);
        Assert.Equal(0, ignored.Weights.TrackRoom);
        Assert.Equal(SuggestionWeights.Defaults.Moves, ignored.Weights.Moves);
        Assert.Equal(0, ignored.Proposal!.Score.Moved);
        Assert.Equal(1, ignored.Proposal.Score.TrackRoomChanges);
        Assert.Equal(0, ignored.Proposal.Score.GridErrors);

        var weighted = await ReplanAsync(e, new { trackRoom = 100 });
        Assert.Equal(100, weighted.Weights.TrackRoom);
        Assert.Equal(1, weighted.Proposal!.Score.Moved);
        Assert.Equal(0, weighted.Proposal.Score.TrackRoomChanges);
        Assert.Equal(0, weighted.Proposal.Score.GridErrors);
        var moved = Assert.Single(weighted.Proposal.Changes, c => c.Change == ProposalChangeKinds.Moved);
        var stayed = moved.SessionId == first.Id ? second : first;
        Assert.Equal(stayed.RoomId, moved.RoomId);

        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var page = await browser.GetStringAsync($"/events/{e.Slug}/schedule/manage/suggest/{weighted.Id}");
        Assert.Contains("A track in one room (per extra room): 100", page);
    }

    [Fact]
    public async Task The_forms_weights_are_stored_with_the_run_and_shown_on_it()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-weights-form");
        await e.SessionAsync("Theta");
        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var form = await browser.GetStringAsync($"/events/{e.Slug}/schedule/manage/suggest");
        Assert.Contains("id=\"weight-keynotesAlone\"", form);
        Assert.Contains($"value=\"{SuggestionWeights.Defaults.KeynotesAlone}\"", form);

        var started = await browser.PostFormAsync($"/events/{e.Slug}/schedule/manage/suggest", new()
        {
            ["Mode"] = "gaps", ["TimeLimitSeconds"] = "3", ["PopularPairs"] = "80", ["TrackRoom"] = "0", ["TrackConsecutive"] = "12",
            ["PreferredTimes"] = "7", ["KeynotesAlone"] = "100", ["Moves"] = "3",
        });
        var id = long.Parse(started.Headers.Location!.OriginalString.Split('/')[^1]);
        var run = await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, id);

        Assert.Equal(new SuggestionWeights(80, 0, 12, 7, 100, 3), run.Weights);
        Assert.Equal(1000, run.Weights.ToSolver().KeynoteNotAlone);
        Assert.Contains("Speakers&#x27; preferred times (per session outside them): 7", await browser.GetStringAsync($"/events/{e.Slug}/schedule/manage/suggest/{id}"));
    }
}
