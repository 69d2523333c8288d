using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Schedule.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>The suggest flow through the API with the job server running: stale apply, odd lengths, access.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestApiTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Apply_is_refused_with_409_when_the_draft_changed_after_the_suggestion_and_writes_nothing()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-stale");
        var a = await e.SessionAsync("Alpha", trackId: e.Kernel);
        var b = await e.SessionAsync("Beta", trackId: e.Web);
        var run = await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, (await SuggestionKit.StartAsync(e.Organiser, e.Slug)).Id);
        Assert.Equal(2, run.Proposal!.Score.Placed);

        // Meanwhile another organiser places Alpha by hand.
        await e.PlaceAsync(a, e.Small, "16:00");
        var response = await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("changed since this suggestion was computed", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("16:00", (await e.GetAsync(a.Id)).Start);
        Assert.Null((await e.GetAsync(b.Id)).RoomId);
        Assert.Equal(SuggestionStates.Done, (await e.Organiser.GetFromJsonAsync<SuggestionResponse>($"{e.Api}/suggestions/{run.Id}"))!.State);
    }

    [Fact]
    public async Task A_session_longer_than_every_slot_is_explained_in_words_and_the_rest_fit_their_slots()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-slots");
        foreach (var day in new[] { ScheduleKit.Day1, ScheduleKit.Day2 })
            foreach (var (starts, ends) in new[] { ("09:00", "09:45"), ("10:00", "10:45") })
                (await e.Organiser.PostAsJsonAsync($"{e.Api}/slots", new { date = day, starts, ends })).EnsureSuccessStatusCode();
        var longer = await e.SessionAsync("Fifty minutes of packaging", minutes: 50);
        var fits = await e.SessionAsync("Half an hour of docs", minutes: 30);

        var run = await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, (await SuggestionKit.StartAsync(e.Organiser, e.Slug)).Id);

        Assert.Equal(SuggestionStates.Done, run.State);
        var why = Assert.Single(run.Proposal!.Unplaced);
        Assert.Equal(longer.Id, why.SessionId);
        Assert.Contains("lasts 50 min", why.Reason);
        Assert.Contains("longest slot it could go in is 45 min", why.Reason);
        Assert.Equal(fits.Id, Assert.Single(run.Proposal.Changes, c => c.Change == ProposalChangeKinds.Placed).SessionId);
        Assert.Equal(0, run.Proposal.Score.GridErrors);

        (await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null)).EnsureSuccessStatusCode();
        var conflicts = (await e.Organiser.GetFromJsonAsync<ConflictSummary>($"{e.Api}/conflicts"))!;
        Assert.Equal(0, conflicts.Errors);
        Assert.Null((await e.GetAsync(longer.Id)).RoomId);
    }

    [Fact]
    public async Task Only_the_events_organisers_may_suggest_read_or_apply()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-access");
        await e.SessionAsync("Gamma");
        var run = await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, (await SuggestionKit.StartAsync(e.Organiser, e.Slug)).Id);
        var other = await ScheduleKit.CreateAsync(app, "suggest-access-other");
        var attendee = await app.CreateApiClientAsync("suggest.attendee@example.org");
        var anonymous = app.CreateClient();

        foreach (var (client, expected) in new[] { (other.Organiser, HttpStatusCode.Forbidden), (attendee, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(expected, (await client.PostAsJsonAsync($"{e.Api}/suggestions", new { mode = "gaps" })).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"{e.Api}/suggestions")).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"{e.Api}/suggestions/{run.Id}")).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null)).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"{e.Api}/suggestions/{run.Id}/cancel", null)).StatusCode);
        }
        // Another event's organiser cannot reach this run through their own event either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.GetAsync($"{other.Api}/suggestions/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Organiser.PostAsync($"{other.Api}/suggestions/{run.Id}/apply", null)).StatusCode);

        await app.CreateUserAsync("suggest.page@example.org");
        var browser = await app.SignInAsync("suggest.page@example.org");
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync($"/events/{e.Slug}/schedule/manage/suggest")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync($"/events/{e.Slug}/schedule/manage/suggest/{run.Id}")).StatusCode);
        Assert.Null((await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync((await app.Services.GetRequiredService<EventStore>().FindAsync(e.Slug))!))
            .Sessions.Single().RoomId);
    }
}
