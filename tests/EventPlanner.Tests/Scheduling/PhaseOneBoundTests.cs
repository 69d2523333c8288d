using EventPlanner.Bench.Generator;
using EventPlanner.Scheduling;
using Google.OrTools.Sat;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// The decomposed model's bound: phase 1's objective is scaled so CP-SAT's bound means something (no −Unplaced per
/// start literal), phase 1 proves small instances optimal, and the reported global bound never exceeds the cost of
/// any schedule — checked against the slot model's proven optimum over the same lattice.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public class PhaseOneBoundTests
{
    private static SchedulingProblem Small(int seed) => SolverInstance.Generate(seed, sessions: 30, rooms: 3, days: 1, tracks: 3, attendees: 300, starsPerAttendee: 3);

    /// <summary>Phase 1 on a generated event, solved without LP or core search: its bound is what propagation alone gives.</summary>
    private static (double Bound, long HintCost, long Unplaced) PhaseOneWithoutLp(bool placeAll)
    {
        // Roomy enough (two days, 16 rooms) that the hint places every session: the case the rule is for.
        var problem = SolverInstance.Generate(seed: 3, sessions: 150, rooms: 16, days: 2, tracks: 8, attendees: 1500);
        var lattice = SlotLattice.Restrict(new CandidateSpace(problem, 12));
        var hint = GreedyScheduler.Solve(lattice, avoidClashes: true).Placements;
        Assert.True(DecomposedSolve.PlacesAll(lattice, hint, ObjectiveCost.Of(lattice, hint)));
        var phase = new SlotPhase(lattice, [], placeAll);
        phase.Build();
        phase.Hint(hint);
        // Stops at the hint's solution, right after presolve (before that the response's bound is a default 0).
        var solver = new CpSolver { StringParameters = "num_workers:1,linearization_level:0,stop_after_first_solution:true,max_time_in_seconds:60,random_seed:1" };
        var status = solver.Solve(phase.Cp);
        Assert.True(status is CpSolverStatus.Feasible or CpSolverStatus.Optimal, $"{status}");
        // The hint's own cost is at least its phase-1 cost (phase 1 is a relaxation), so any bound lies below it.
        return (solver.BestObjectiveBound, ObjectiveCost.Of(lattice, hint), problem.Weights.Unplaced);
    }

    [Fact]
    public void Requiring_every_session_placed_keeps_the_unplaced_weight_out_of_phase_ones_trivial_bound()
    {
        // The old form, Unplaced·(1 − placed), is rewritten by presolve into −Unplaced per start literal: without the
        // LP the bound sits at minus millions (−3·10⁹ at FOSDEM scale), far below any schedule's cost.
        var (loose, _, unplaced) = PhaseOneWithoutLp(placeAll: false);
        Assert.True(loose < -unplaced, $"bound {loose}");
        var (bound, hintCost, _) = PhaseOneWithoutLp(placeAll: true);
        Assert.True(bound > -unplaced, $"bound {bound}");
        Assert.True(bound <= hintCost, $"bound {bound}, hint {hintCost}");
    }

    [Fact]
    public void Every_session_is_required_only_when_a_complete_schedule_costs_less_than_one_unplaced_session()
    {
        var problem = Small(5);
        var lattice = SlotLattice.Restrict(new CandidateSpace(problem, 12));
        var hint = GreedyScheduler.Solve(lattice, avoidClashes: true).Placements;
        DecomposedSolve.Outcome Of(IReadOnlyList<Placement> placements, double objective) =>
            new(CpSolverStatus.Feasible, [.. placements], objective, double.NaN, null, new PhaseFigures(0, 0, false, 0, 0, false, 0, 0, 0, 0));
        Assert.Equal(lattice.Sessions.Count(c => c.Reason is null), hint.Count);
        Assert.True(DecomposedSolve.PlacesAll(lattice, Of(hint, ObjectiveCost.Of(lattice, hint))));
        // One session left out: the schedule is not complete, so phase 1 must be free to leave sessions out too.
        Assert.False(DecomposedSolve.PlacesAll(lattice, Of(hint.Skip(1).ToList(), ObjectiveCost.Of(lattice, hint.Skip(1).ToList()))));
        // Complete but dearer than one unplaced session: an incomplete schedule might be cheaper.
        Assert.False(DecomposedSolve.PlacesAll(lattice, Of(hint, problem.Weights.Unplaced)));
        Assert.False(DecomposedSolve.PlacesAll(lattice, null));
    }

    [Fact]
    public void The_floor_counts_room_minutes_and_keynotes_alone_and_never_exceeds_the_optimum()
    {
        // Three tracks of two one-hour talks in two rooms open three hours: 360 minutes fill both rooms, so one track
        // must use both (4 pairs × 50); with a third room every track keeps its own (3 × 50).
        var sessions = new List<SessionToPlace>();
        foreach (var t in new[] { "x", "y", "z" })
            for (var i = 0; i < 2; i++) sessions.Add(Events.Talk($"{t}{i}", $"p{t}{i}") with { Track = t });
        Room R(string id) => new(id, 100, Tracks: ["x", "y", "z", "k"]);
        long Floor(IReadOnlyList<SessionToPlace> list, params Room[] rooms) =>
            TrackRoomAssignment.Floor(new CandidateSpace(Events.Problem(list, rooms, closes: 12 * Events.H)), TimeSpan.FromSeconds(5), 8);
        Assert.Equal(200, Floor(sessions, R("A"), R("B")));
        Assert.Equal(150, Floor(sessions, R("A"), R("B"), R("C")));
        // A one-hour keynote alone empties all three rooms for its hour: the six talks still fit, two hours a room,
        // one room per track (150) plus the keynote's own (50). A seventh talk does not (6 room-hours left beside an
        // alone keynote): the floor pays the keynote's company (500) on top of the four pairs.
        var keynote = new SessionToPlace("k", Events.H, "talk", "k", ["pk"], Keynote: true);
        Assert.Equal(200, Floor([.. sessions, keynote], R("A"), R("B"), R("C")));
        Assert.Equal(700, Floor([.. sessions, Events.Talk("x2", "px2") with { Track = "x" }, keynote], R("A"), R("B"), R("C")));

        // On a generated event: never above the best lattice schedule's cost.
        var problem = Small(2);
        var slot = Events.SolveChecked(problem, SchedulingModel.Slot, Events.Options(20));
        Assert.Equal(SolveStatus.Optimal, slot.Status);
        Assert.InRange(TrackRoomAssignment.Floor(SlotLattice.Restrict(new CandidateSpace(problem, 12)), TimeSpan.FromSeconds(5), 8), 50, (long)slot.Objective);
    }

    [Fact]
    public void Forced_costs_are_a_preference_no_start_meets_and_a_pair_no_starts_keep_apart()
    {
        // 9:00-11:00, two rooms: a and b last two hours (one start each, so they run together), c an hour whose speaker
        // prefers the afternoon; d and e are a pair that can be kept apart.
        var sessions = new List<SessionToPlace>
        {
            new("a", 2 * Events.H, "talk", null, ["pa"]), new("b", 2 * Events.H, "talk", null, ["pb"]),
            Events.Talk("c", "pc"), Events.Talk("d", "pd"), Events.Talk("e", "pe"),
        };
        var problem = Events.Problem(sessions) with
        {
            Speakers = [new Speaker("pc", Preferred: [new TimeWindow(0, 13 * Events.H, 17 * Events.H)])],
            PopularPairs = [new PopularPair("a", "b", 7), new PopularPair("d", "e", 11)],
        };
        Assert.Equal(20 + 7, DecomposedSolve.Forced(new CandidateSpace(problem)));
    }

    [Fact]
    public void Phase_one_on_a_small_event_is_proven_optimal_with_its_bound_equal_to_its_objective()
    {
        var result = Events.SolveChecked(Small(1), SchedulingModel.Decomposed, Events.Options(10));
        var phases = Assert.IsType<PhaseFigures>(result.Phases);
        Assert.True(phases.SlotOptimal);
        Assert.Equal(phases.SlotObjective, phases.SlotBound);
        Assert.True(phases.SlotBound > 0); // the event has tracks: one room each at least
        Assert.True(result.BestBound <= result.Objective);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_global_bound_never_exceeds_the_best_lattice_schedule(int seed)
    {
        var problem = Small(seed);
        var slot = Events.SolveChecked(problem, SchedulingModel.Slot, Events.Options(20));
        Assert.Equal(SolveStatus.Optimal, slot.Status); // the slot model's optimum is the best lattice schedule's cost
        var decomposed = Events.SolveChecked(problem, SchedulingModel.Decomposed, Events.Options(10));
        Assert.True(decomposed.BestBound <= decomposed.Objective, $"bound {decomposed.BestBound} > objective {decomposed.Objective}");
        Assert.True(decomposed.BestBound <= slot.Objective, $"bound {decomposed.BestBound} > the lattice optimum {slot.Objective}");
        Assert.True(decomposed.Phases!.SlotBound <= slot.Objective);
    }
}
