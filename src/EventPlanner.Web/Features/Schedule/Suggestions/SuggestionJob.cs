using EventPlanner.Scheduling;
using EventPlanner.Web.Features.Events;
using Hangfire;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

/// <summary>
/// Runs the solver for one suggestion (the job's argument is its id). The solve runs on a worker thread; this method
/// stores its progress about once a second and reads whether an organiser asked to stop, so a stop works from any node.
/// Idempotent: a finished run is left alone, a run interrupted by a crash starts again from the draft as it is then.
/// </summary>
public sealed class SuggestionJob(SuggestionStore store, EventStore events, ScheduleQueries queries, ILogger<SuggestionJob> logger)
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    [AutomaticRetry(Attempts = 1)]
    public async Task RunAsync(long suggestionId, CancellationToken ct)
    {
        if (await store.FindForJobAsync(suggestionId, ct) is not { } found || !await store.StartAsync(suggestionId, ct)) return;
        var (row, slug) = found;
        try
        {
            if (await events.FindAsync(slug, ct) is not { } e)
            {
                await store.FailAsync(row.Id, "The event no longer exists.", ct);
                return;
            }
            var board = await queries.LoadAsync(e, ct);
            if (board.Rooms.Count == 0 || board.Days.Count == 0)
            {
                await store.FailAsync(row.Id, "The event needs at least one day and one room before a schedule can be suggested (Event settings).", ct);
                return;
            }
            var (pairs, released) = await store.InputsAsync(e.Id, ct);
            var problem = SuggestionProblem.Build(board, pairs, row.Mode, row.MoveReleased, released);
            var weighted = problem.Problem with { Weights = SuggestionWeights.FromJson(row.Weights).ToSolver() };
            var stamp = SuggestionCheck.DraftStamp(board);

            SolveProgress? latest = null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var options = new SolveOptions
            {
                TimeLimit = TimeSpan.FromSeconds(row.TimeLimitSeconds),
                // Place what fits and explain the rest, rather than refusing the whole event for one session that cannot fit.
                StopOnInfeasibleInput = false,
                Progress = p => Volatile.Write(ref latest, p),
            };
            var solve = Task.Run(() => CpSatScheduler.Solve(weighted, options, stop.Token), CancellationToken.None);
            while (!solve.IsCompleted)
            {
                await Task.WhenAny(solve, Task.Delay(PollEvery, CancellationToken.None));
                var p = Volatile.Read(ref latest);
                if (await store.ProgressAsync(row.Id, p?.Objective, p?.BestBound, p?.Elapsed ?? TimeSpan.Zero, p?.Solutions ?? 0, CancellationToken.None))
                    await stop.CancelAsync();
            }
            var solved = await solve;
            ct.ThrowIfCancellationRequested(); // the server is stopping: Hangfire runs the job again, not a half-made proposal
            var result = SuggestionCheck.Result(problem, solved);
            var state = solved.Status == SolveStatus.Cancelled ? SuggestionStates.Cancelled : SuggestionStates.Done;
            await store.FinishAsync(row.Id, state, solved.Status.ToString(), solved.Objective, solved.BestBound, solved.Elapsed, stamp, result, CancellationToken.None);
        }
        catch (Exception x) when (x is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(x, "Schedule suggestion {Id} failed", row.Id);
            await store.FailAsync(row.Id, "The solver stopped with an error; the draft is unchanged. Try again, and tell the site's administrators if it happens again.",
                CancellationToken.None);
        }
    }
}
