using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Schedule.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>Stopping a run the Hangfire job is already solving (not one still queued): it ends promptly, keeping its best proposal.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestStopTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Stopping_a_run_that_is_solving_ends_it_promptly_as_cancelled_with_the_best_schedule_so_far()
    {
        // 80 half-hour talks in 3 rooms over 2 days, and 40 attendees who each starred 15 of them: nearly every pair is
        // co-starred, so talks must run against co-starred ones and CP-SAT cannot prove the best schedule within minutes.
        var e = await ScheduleKit.CreateAsync(app, "suggest-stop-running");
        var sessions = new List<long>();
        for (var i = 0; i < 80; i++) sessions.Add((await e.SessionAsync($"Talk {i:00}", trackId: i % 2 == 0 ? e.Kernel : e.Web)).Id);
        var users = new List<long>();
        for (var u = 0; u < 40; u++) users.Add((await app.CreateUserAsync($"stop.star{u}@example.org")).Id);
        var random = new Random(16);
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            var eventId = await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug = e.Slug });
            foreach (var user in users)
                foreach (var session in sessions.OrderBy(_ => random.Next()).Take(15))
                    await c.ExecuteAsync("INSERT INTO schedule_stars (user_id, session_id, event_id, created_at) VALUES (@user, @session, @eventId, @now)",
                        new { user, session, eventId, now = DateTimeOffset.UtcNow });
        }

        var run = await SuggestionKit.StartAsync(e.Organiser, e.Slug, seconds: 240);
        var solving = await SolvingAsync(e, run.Id);
        Assert.Equal(SuggestionStates.Running, solving.State);
        Assert.True(solving.Solutions >= 1);
        Assert.NotNull(solving.BestObjective);

        var watch = Stopwatch.StartNew();
        var stop = await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.True((await stop.Content.ReadFromJsonAsync<SuggestionResponse>())!.CancelRequested);
        var stopped = await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, run.Id);
        watch.Stop();

        Assert.Equal(SuggestionStates.Cancelled, stopped.State);
        Assert.Equal("Cancelled", stopped.SolverStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(stopped.ElapsedSeconds < 120, $"the solver ran {stopped.ElapsedSeconds:0.0} s of its 240");
        // The best schedule found before the stop is kept, checked, and can be applied.
        var proposal = stopped.Proposal!;
        Assert.Equal(80, proposal.Score.Placed);
        Assert.Equal(0, proposal.Score.GridErrors);
        Assert.Equal(0, proposal.Score.SolverViolations);
        Assert.True(proposal.Score.ClashCoStars <= proposal.Score.GreedyClashCoStars);
        Assert.True(stopped.CanApply);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.PostAsync($"{e.Api}/suggestions/{run.Id}/apply", null)).StatusCode);
    }

    /// <summary>Polls until the job reports it is solving and has found a schedule (not merely queued or building the model).</summary>
    private static async Task<SuggestionResponse> SolvingAsync(ScheduleEvent e, long id)
    {
        for (var i = 0; i < 600; i++)
        {
            var run = (await e.Organiser.GetFromJsonAsync<SuggestionResponse>($"{e.Api}/suggestions/{id}"))!;
            if (run.State == SuggestionStates.Running && run.Solutions > 0 || !SuggestionStates.IsActive(run.State)) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Suggestion {id} did not start solving within a minute.");
    }
}
