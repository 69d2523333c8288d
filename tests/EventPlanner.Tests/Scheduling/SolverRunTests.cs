using EventPlanner.Bench.Generator;
using EventPlanner.Scheduling;

namespace EventPlanner.Tests.Scheduling;

/// <summary>The solver on a generated mid-size event: greedy baseline, hint, progress and cancellation.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class SolverRunTests
{
    private static SchedulingProblem Medium() => SolverInstance.Generate(seed: 3, sessions: 150, rooms: 12, days: 1, tracks: 8, attendees: 1500);

    [Fact]
    public void Greedy_baseline_is_legal_and_places_everything_placeable()
    {
        var problem = Medium();
        var greedy = GreedyScheduler.Solve(problem);
        Assert.Empty(ScheduleChecker.Check(problem, greedy.Placements));
        Assert.Equal(problem.Sessions.Count, greedy.Placements.Count + greedy.Unplaced.Count);
    }

    [Fact]
    public void Clash_avoiding_greedy_is_legal_and_clashes_less_than_first_fit_on_a_tight_event()
    {
        var problem = Medium();
        var plain = GreedyScheduler.Solve(problem);
        var avoiding = GreedyScheduler.SolveAvoidingClashes(problem);
        Assert.Empty(ScheduleChecker.Check(problem, avoiding.Placements));
        // Spreading out can fragment room time on a tight event: the solver hints whichever places more.
        Assert.True(avoiding.Placements.Count >= plain.Placements.Count * 0.9);
        Assert.True(ScoreCard.Of(problem, avoiding.Placements).ClashCoStars < ScoreCard.Of(problem, plain.Placements).ClashCoStars);
    }

    [Fact]
    public void The_hint_spreads_keynotes_over_the_days_instead_of_stacking_them_on_the_first_morning()
    {
        // Four keynotes, two days, nothing else: every start is as cheap, so only the tie-break decides. Stacked at
        // the first opening they took every room's first morning (see GreedyScheduler's comment).
        SessionToPlace Keynote(string id) => new(id, 45, "keynote", null, [$"p-{id}"], Keynote: true);
        var problem = Events.Problem([Keynote("k1"), Keynote("k2"), Keynote("k3"), Keynote("k4")], days: 2, closes: 17 * Events.H)
            with { GridMinutes = 15 };

        var hint = GreedyScheduler.SolveAvoidingClashes(problem).Placements;

        Assert.Empty(ScheduleChecker.Check(problem, hint));
        Assert.Equal([2, 2], hint.GroupBy(p => p.Slot.Day).OrderBy(g => g.Key).Select(g => g.Count()));
        // Each day's first keynote opens it: the tie-break after the day is still the earliest start.
        Assert.All(hint.GroupBy(p => p.Slot.Day), day => Assert.Equal(9 * Events.H, day.Min(p => p.Slot.Start)));
    }

    [Fact]
    public void Cancellation_returns_the_best_schedule_so_far()
    {
        var problem = Medium();
        using var cancel = new CancellationTokenSource();
        var progress = new List<SolveProgress>();
        var options = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(60),
            StopOnInfeasibleInput = false,
            Progress = p => { progress.Add(p); cancel.Cancel(); },
        };

        var result = CpSatScheduler.Solve(problem, options, cancel.Token);

        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.NotEmpty(progress);
        Assert.Equal(progress[^1].Objective, result.Objective);
        Assert.Equal(0, result.Score.HardViolations);
        Assert.Equal(problem.Sessions.Count, result.Placements.Count + result.Unplaced.Count);
    }

    [Fact]
    public void Solver_beats_the_greedy_baseline_on_popular_pair_clashes_within_a_few_seconds()
    {
        var problem = Medium();
        var result = CpSatScheduler.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(4), StopOnInfeasibleInput = false });
        Assert.Equal(0, result.Score.HardViolations);
        Assert.True(result.Score.Placed >= result.GreedyScore.Placed);
        Assert.True(result.Score.ClashCoStars < result.GreedyScore.ClashCoStars, $"solver {result.Score.ClashCoStars} vs greedy {result.GreedyScore.ClashCoStars}");
        Assert.True(result.Objective >= result.BestBound);
    }
}
