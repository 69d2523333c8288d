using EventPlanner.Scheduling;

namespace EventPlanner.Tests.Scheduling;

/// <summary>Small hand-made events for the model's unit tests; times in minutes after midnight.</summary>
internal static class Events
{
    public const int H = 60;

    public static SchedulingProblem Problem(IReadOnlyList<SessionToPlace> sessions, IReadOnlyList<Room>? rooms = null,
        int days = 1, int opens = 9 * H, int closes = 11 * H) => new()
    {
        Days = Enumerable.Range(0, days).Select(d => new EventDay(d, opens, closes)).ToList(),
        Rooms = rooms ?? [new Room("A", 100), new Room("B", 100)],
        Sessions = sessions,
    };

    public static SessionToPlace Talk(string id, params string[] speakers) => new(id, H, "talk", null, speakers);

    /// <summary>A placement on day 0: the searches' tests start from hand-made schedules.</summary>
    public static Placement P(string id, string room, int start) => new(id, new Slot(room, 0, start));

    /// <summary>Deterministic enough for tests: small models solve to optimality well inside the limit.</summary>
    public static SolveOptions Options(int seconds = 5) => new() { TimeLimit = TimeSpan.FromSeconds(seconds), Workers = 8, Seed = 7 };

    public static SolveResult SolveChecked(SchedulingProblem problem, SolveOptions? options = null, CancellationToken ct = default)
    {
        var result = CpSatScheduler.Solve(problem, options ?? Options(), ct);
        Assert.Empty(ScheduleChecker.Check(problem, result.Placements));
        Assert.Equal(0, result.Score.HardViolations);
        return result;
    }

    /// <summary>The same with the formulation chosen: every hard-constraint and soft-objective test runs on both models.</summary>
    public static SolveResult SolveChecked(SchedulingProblem problem, SchedulingModel model, SolveOptions? options = null)
    {
        var result = SolveChecked(problem, (options ?? Options()) with { Model = model });
        if (result.Status != SolveStatus.InfeasibleInput) Assert.Equal(model, result.Model);
        return result;
    }

    public static Slot At(this SolveResult result, string sessionId) => result.Placements.Single(p => p.SessionId == sessionId).Slot;

    public static bool Overlap(SolveResult result, SchedulingProblem problem, string a, string b)
    {
        var (x, y) = (result.At(a), result.At(b));
        var (da, db) = (problem.Sessions.Single(s => s.Id == a).Duration, problem.Sessions.Single(s => s.Id == b).Duration);
        return x.Day == y.Day && x.Start < y.Start + db && y.Start < x.Start + da;
    }
}
