using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Schedule.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>Issue 16's integration test: "Suggest" on the demo event, checked by the grid's own conflict rules, applied, released.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestDemoTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private const string Slug = DemoEvent.Slug;

    [Fact]
    public async Task Suggest_places_the_demos_unplaced_sessions_without_a_grid_error_and_apply_changes_only_the_draft_until_release()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(Slug))!;
        var queries = app.Services.GetRequiredService<ScheduleQueries>();
        var before = await queries.LoadAsync(e);
        var unplaced = before.Sessions.Where(s => !s.IsPlaced && !s.IsCancelled && !SessionKinds.IsPause(s.Kind)).ToList();
        Assert.True(unplaced.Count >= 3, "The demo should hold accepted sessions that are not on the grid yet.");
        Assert.DoesNotContain(before.Conflicts, c => c.IsError);

        var organiser = await app.CreateApiClientAsync("aisyah@demo.example.org");
        var anonymous = app.CreateClient();
        var publicBefore = await anonymous.GetStringAsync($"/events/{Slug}/schedule.json");

        var started = await SuggestionKit.StartAsync(organiser, Slug);
        Assert.Equal(SuggestionStates.Queued, started.State);
        var run = await SuggestionKit.FinishedAsync(organiser, Slug, started.Id);

        Assert.Equal(SuggestionStates.Done, run.State);
        Assert.True(run.CanApply);
        var proposal = run.Proposal!;
        Assert.Equal(0, proposal.Score.GridErrors);
        Assert.Equal(0, proposal.Score.SolverViolations);
        Assert.Equal(0, proposal.Score.DroppedByGridCheck);
        Assert.Empty(proposal.Unplaced);
        Assert.Equal(unplaced.Select(s => s.Id).Order(), proposal.Changes.Where(c => c.Change == ProposalChangeKinds.Placed).Select(c => c.SessionId).Order());
        Assert.DoesNotContain(proposal.Changes, c => c.Change is ProposalChangeKinds.Moved or ProposalChangeKinds.Removed); // fill the gaps keeps the rest

        // The grid's own rules over the draft as the proposal would leave it agree with the solver: no error anywhere.
        var target = proposal.Changes.ToDictionary(c => c.SessionId, c => (c.RoomId, c.StartsAt));
        var proposed = before.Sessions.Select(s => target.TryGetValue(s.Id, out var t) ? s with { RoomId = t.RoomId, StartsAt = t.StartsAt } : s).ToList();
        Assert.DoesNotContain(ConflictRules.Check(new ConflictInput(before.Zone, proposed, before.Rooms, before.Days, before.RoomHours, before.Slots, before.Foreign, before.Blocks)),
            c => c.IsError);

        var applied = await organiser.PostAsync($"/api/events/{Slug}/schedule/suggestions/{run.Id}/apply", null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(unplaced.Count, (await applied.Content.ReadFromJsonAsync<SuggestionApplied>())!.SessionsWritten);

        var after = await queries.LoadAsync(e);
        foreach (var c in proposal.Changes.Where(c => c.Change == ProposalChangeKinds.Placed))
        {
            var s = after.Find(c.SessionId)!;
            Assert.Equal((c.RoomId, c.StartsAt), (s.RoomId, s.StartsAt));
        }
        Assert.DoesNotContain(after.Conflicts, c => c.IsError);
        // The draft changed, the public schedule did not.
        Assert.Equal(publicBefore, await anonymous.GetStringAsync($"/events/{Slug}/schedule.json"));
        Assert.Equal(SuggestionStates.Applied, (await organiser.GetFromJsonAsync<SuggestionResponse>($"/api/events/{Slug}/schedule/suggestions/{run.Id}"))!.State);

        (await organiser.PostAsJsonAsync($"/api/events/{Slug}/schedule/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var publicAfter = await anonymous.GetStringAsync($"/events/{Slug}/schedule.json");
        Assert.All(unplaced, s => Assert.Contains(s.Title, publicAfter));
    }
}
