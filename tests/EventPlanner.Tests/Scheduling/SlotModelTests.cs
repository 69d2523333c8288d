using EventPlanner.Tests.Infrastructure;
using EventPlanner.Bench.Generator;
using EventPlanner.Scheduling;
using Xunit.Abstractions;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// What is particular to the slot model (the shared hard-constraint and soft-objective tests run on it too): its
/// starts, mixed lengths in one room, drafts off the lattice, the automatic choice, and an objective that is the
/// schedule's own cost, so that its bound means something.
/// </summary>
[RunsLong(seconds: 13)]
[Trait("Engine", "Both")] // no database: runs in both passes
public class SlotModelTests(ITestOutputHelper output)
{
    private static SchedulingProblem Medium() => SolverInstance.Generate(seed: 3, sessions: 150, rooms: 12, days: 1, tracks: 8, attendees: 1500);

    [Fact]
    public void Sessions_of_different_lengths_fill_one_room_without_overlapping()
    {
        // 120 minutes of sessions for a room open 120 minutes; both half-hour speakers prefer 9:00, where the hour talk
        // would also like to be: all three fit only one after another.
        var nine = new TimeWindow(0, 9 * H, 10 * H);
        var problem = Problem([Talk("hour", "p1"), new SessionToPlace("half1", 30, "talk", null, ["p2"]), new SessionToPlace("half2", 30, "talk", null, ["p3"])],
            rooms: [new Room("A", 100)]) with
        {
            Speakers = [new Speaker("p1", Preferred: [nine]), new Speaker("p2", Preferred: [nine]), new Speaker("p3", Preferred: [nine])],
        };
        var result = SolveChecked(problem, SchedulingModel.Slot);
        Assert.Equal(3, result.Placements.Count);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(1, result.Score.PreferredTimeMisses); // the halves share 9:00-10:00, the hour goes to 10:00
    }

    [Fact]
    public void Sessions_start_every_own_length_from_the_start_of_their_window()
    {
        // Room open 9:10-12:00 on a 5-minute grid: 50-minute talks start at 9:10, 10:00 and 10:50 only.
        var problem = Problem([new SessionToPlace("a", 50, "talk", null, ["p1"]), new SessionToPlace("b", 50, "talk", null, ["p2"]),
                new SessionToPlace("c", 50, "talk", null, ["p3"])],
            rooms: [new Room("A", 100, Open: [new TimeWindow(0, 9 * H + 10, 12 * H)])], closes: 12 * H) with { GridMinutes = 5 };
        var result = SolveChecked(problem, SchedulingModel.Slot);
        Assert.Equal([9 * H + 10, 10 * H, 10 * H + 50], result.Placements.Select(p => p.Slot.Start).Order());
    }

    [Fact]
    public void A_draft_placement_off_the_slots_is_kept_by_a_re_solve()
    {
        var draft = new Slot("A", 0, 9 * H + 20);
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p2")], closes: 12 * H) with
        {
            GridMinutes = 5,
            Draft = new Dictionary<string, Slot> { ["s1"] = draft },
            Speakers = [new Speaker("p1", Preferred: [new TimeWindow(0, 11 * H, 12 * H)])],
        };
        var result = SolveChecked(problem with { Weights = new Weights(Move: 100, PreferredTime: 20) }, SchedulingModel.Slot);
        Assert.Equal(draft, result.At("s1"));
        Assert.Equal(0, result.Score.MovesFromDraft);
        Assert.Equal(0, result.At("s2").Start % 60); // the other one is on its slots
    }

    [Fact]
    public void Auto_keeps_the_interval_model_when_the_slots_would_cost_a_session_its_place()
    {
        // The speaker is free 9:10-10:10 only: an hour talk fits at 9:10, which is no slot start (9:00, 10:00).
        var problem = Problem([Talk("s1", "p1")], closes: 12 * H) with
        {
            GridMinutes = 5,
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 9 * H + 10, 10 * H + 10)])],
        };
        var auto = SolveChecked(problem, Options() with { SlotModelFrom = 0 });
        Assert.Equal(SchedulingModel.Interval, auto.Model);
        Assert.Equal(9 * H + 10, auto.At("s1").Start);

        var forced = SolveChecked(problem, SchedulingModel.Slot, Options() with { StopOnInfeasibleInput = false });
        Assert.Equal("slot-grid", Assert.Single(forced.Unplaced).Constraint);
    }

    [Fact]
    public void Auto_picks_the_decomposed_model_from_the_threshold_on()
    {
        var problem = Medium();
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(2), StopOnInfeasibleInput = false };
        Assert.Equal(SchedulingModel.Decomposed, CpSatScheduler.Solve(problem, options with { SlotModelFrom = 100 }).Model);
        Assert.Equal(SchedulingModel.Interval, CpSatScheduler.Solve(problem, options with { SlotModelFrom = 1000 }).Model);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void The_objective_is_the_schedules_own_cost_so_the_bound_is_a_bound_on_it(SchedulingModel model)
    {
        var problem = Medium();
        // Any feasible answer shows it: the first comes in well under a second (0.1-0.4 s on an idle 2-core machine), and the
        // rest of the limit only moves objective and bound closer, on 8 workers that take both cores.
        var result = SolveChecked(problem, model, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(3), StopOnInfeasibleInput = false, Seed = 7 });
        Assert.Contains(result.Status, new[] { SolveStatus.Optimal, SolveStatus.Feasible });

        // Recomputed from the placements alone, weight by weight (defaults: no draft, track gaps off).
        var w = problem.Weights;
        var left = result.Unplaced.Where(u => u.Constraint == "room-time").Select(u => u.SessionId).ToHashSet();
        var placedById = result.Placements.ToDictionary(p => p.SessionId);
        var tracksUsed = problem.Sessions.Where(s => s.Track is not null && placedById.ContainsKey(s.Id)).Select(s => s.Track).Distinct().Count();
        var cost = (long)w.Unplaced * left.Count
            + w.PopularClash * result.Score.ClashCoStars
            + (long)w.TrackRoom * (result.Score.TrackRoomChanges + tracksUsed)
            + (long)w.PreferredTime * result.Score.PreferredTimeMisses
            + (long)w.KeynoteNotAlone * (result.Score.KeynotesNotAlone + problem.Sessions.Count(s => s.Keynote && left.Contains(s.Id)));
        output.WriteLine($"{model}: {result.Status}, objective {result.Objective}, bound {result.BestBound}, cost {cost}, first solution {result.FirstSolutionAfter}");
        // A feasible solution may carry a loose auxiliary literal (a clash literal set without a clash), never the other way.
        Assert.InRange(cost, result.BestBound, result.Objective);
        if (result.Status == SolveStatus.Optimal) Assert.Equal(cost, (long)result.Objective);
    }
}
