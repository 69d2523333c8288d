using System.Diagnostics;
using EventPlanner.Bench.Generator;
using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// The swap-and-move search after the decomposed model's rounds: it lowers the cost it is given, keeps every hard
/// rule, never moves pinned sessions or keynotes, and its running cost is the schedule's own (<c>ObjectiveCost</c>).
/// Bounded by moves, not by time, so each test is the same on a loaded machine.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public class LocalSearchTests
{
    private static (LocalSearch Search, List<Placement> After, long Before) Search(SchedulingProblem problem, IReadOnlyList<Placement> from, long moves = 20_000, int seed = 7)
    {
        var space = new CandidateSpace(problem);
        var before = ObjectiveCost.Of(space, from);
        var search = new LocalSearch(space, from, seed);
        Assert.Equal(before, search.Cost);
        search.Run(Stopwatch.StartNew(), TimeSpan.FromMinutes(5), moves, CancellationToken.None);
        var after = search.Placements();
        Assert.Equal(ObjectiveCost.Of(space, after), search.Cost); // the running cost is the schedule's own
        Assert.Empty(ScheduleChecker.Check(problem, after));
        return (search, after, before);
    }

    [Fact]
    public void Swaps_apart_two_popular_pairs_a_schedule_runs_in_parallel()
    {
        // a with b and c with d are each starred together by ten people; the given schedule runs each pair at once.
        var problem = Problem([Talk("a", "p1"), Talk("b", "p2"), Talk("c", "p3"), Talk("d", "p4")]) with
        {
            PopularPairs = [new("a", "b", 10), new("c", "d", 10)],
        };
        var (search, after, before) = Search(problem, [P("a", "A", 9 * H), P("b", "B", 9 * H), P("c", "A", 10 * H), P("d", "B", 10 * H)]);

        Assert.Equal(20, before);
        Assert.Equal(0, search.Cost);
        var at = after.ToDictionary(p => p.SessionId, p => p.Slot.Start);
        Assert.NotEqual(at["a"], at["b"]);
        Assert.NotEqual(at["c"], at["d"]);
    }

    [Fact]
    public void Brings_a_track_back_into_one_room()
    {
        // Both rooms host the track; the given schedule splits its two talks over them at no other gain.
        var rooms = new List<Room> { new("A", 100, Tracks: ["t"]), new("B", 100, Tracks: ["t"]) };
        var problem = Problem([Talk("x", "p1") with { Track = "t" }, Talk("y", "p2") with { Track = "t" }], rooms);
        var (search, after, before) = Search(problem, [P("x", "A", 9 * H), P("y", "B", 10 * H)]);

        Assert.Equal(2 * problem.Weights.TrackRoom, before);
        Assert.Equal(problem.Weights.TrackRoom, search.Cost);
        Assert.Single(after.Select(p => p.Slot.RoomId).Distinct());
    }

    [Fact]
    public void Clears_the_sessions_running_beside_a_keynote()
    {
        // The keynote stays at 9:00; the three talks beside it find the free hours after it.
        var rooms = new List<Room> { new("A", 100), new("B", 100), new("C", 100), new("D", 100) };
        var keynote = new SessionToPlace("k", H, "keynote", null, ["pk"], Keynote: true);
        var problem = Problem([keynote, Talk("t1", "p1"), Talk("t2", "p2"), Talk("t3", "p3")], rooms, closes: 12 * H);
        var (search, after, before) = Search(problem, [P("k", "A", 9 * H), P("t1", "B", 9 * H), P("t2", "C", 9 * H), P("t3", "D", 9 * H)]);

        Assert.Equal(problem.Weights.KeynoteNotAlone, before);
        Assert.Equal(0, search.Cost);
        Assert.Equal(new Slot("A", 0, 9 * H), after.Single(p => p.SessionId == "k").Slot);
        Assert.DoesNotContain(after, p => p.SessionId != "k" && p.Slot.Start == 9 * H);
    }

    [Fact]
    public void Never_moves_across_a_shared_speaker_or_into_a_busy_room()
    {
        // s1 and s2 share a speaker and a popular pair would pull them together: they must stay apart in time. The
        // third room hour is taken by a talk that does not move (pinned).
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p1"), Talk("pin", "p9") with { Pinned = new Slot("A", 0, 9 * H) }]) with
        {
            PopularPairs = [new("s1", "pin", 50)],
        };
        var (_, after, _) = Search(problem, [P("pin", "A", 9 * H), P("s1", "B", 9 * H), P("s2", "A", 10 * H)]);

        var at = after.ToDictionary(p => p.SessionId, p => p.Slot);
        Assert.Equal(new Slot("A", 0, 9 * H), at["pin"]);
        Assert.NotEqual(at["s1"].Start, at["s2"].Start);
        Assert.Equal(10 * H, at["s1"].Start); // away from the pinned talk it is starred with
    }

    [Theory]
    [InlineData(SchedulingModel.Decomposed)]
    [InlineData(SchedulingModel.Interval)]
    public void A_solve_cut_short_hands_its_schedule_to_the_search_and_reports_that_schedules_own_cost(SchedulingModel model)
    {
        // 300 sessions and a tenth of a second for CP-SAT: no proof, so the search runs for the rest of the limit.
        var problem = SolverInstance.Generate(seed: 11, sessions: 300, rooms: 24, days: 2, tracks: 16, attendees: 3000);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<SolveProgress>();
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(2), SearchShare = 0.95, StopOnInfeasibleInput = false, Seed = 7, Model = model, Progress = reports.Enqueue };
        var searched = SolveChecked(problem, model, options);
        var space = model == SchedulingModel.Interval ? new CandidateSpace(problem, options.MaxRoomsPerSession) : SlotLattice.Restrict(new CandidateSpace(problem, options.MaxRoomsPerSession));

        Assert.Contains(searched.Status, new[] { SolveStatus.Feasible, SolveStatus.Optimal });
        Assert.Equal(ObjectiveCost.Of(space, searched.Placements), searched.Objective);
        Assert.InRange(searched.BestBound, 0, searched.Objective);
        if (model == SchedulingModel.Decomposed)
        {
            Assert.True(searched.Phases!.SearchMoves > 0);
            Assert.True(searched.Objective < searched.Phases.SearchFrom, $"{searched.Objective} is not below {searched.Phases.SearchFrom}");
            // The page's progress hears the search too: its last report is the schedule returned, counted on.
            Assert.Equal(searched.Objective, reports.Last().Objective);
            Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Solutions));
            // Each report is a schedule's cost, never phase 1's own figure: the page's best objective only falls.
            Assert.All(reports.Zip(reports.Skip(1)), x => Assert.True(x.Second.Objective <= x.First.Objective, $"{x.First.Objective} then {x.Second.Objective}"));
        }
    }

    [Fact]
    public void Stops_at_a_proven_bound_instead_of_searching_on_for_its_whole_time()
    {
        // The track fits one room: 50 is the optimum. Told so, the search stops once there; not told, it tries every
        // move it is allowed (a small event otherwise searched on for the whole share after reaching phase 1's bound).
        var rooms = new List<Room> { new("A", 100, Tracks: ["t"]), new("B", 100, Tracks: ["t"]) };
        var problem = Problem([Talk("x", "p1") with { Track = "t" }, Talk("y", "p2") with { Track = "t" }], rooms);
        var space = new CandidateSpace(problem);
        const long moves = 2_000_000;

        var told = new LocalSearch(space, [P("x", "A", 9 * H), P("y", "B", 10 * H)], 7);
        var triedTold = told.Run(Stopwatch.StartNew(), TimeSpan.FromMinutes(5), moves, CancellationToken.None, floor: problem.Weights.TrackRoom);
        var blind = new LocalSearch(space, [P("x", "A", 9 * H), P("y", "B", 10 * H)], 7);
        var triedBlind = blind.Run(Stopwatch.StartNew(), TimeSpan.FromMinutes(5), moves, CancellationToken.None);

        Assert.Equal(problem.Weights.TrackRoom, told.Cost);
        Assert.Equal(problem.Weights.TrackRoom, blind.Cost);
        Assert.True(triedTold < moves / 100, $"{triedTold} moves tried after reaching the bound");
        Assert.Equal(moves, triedBlind);
    }

    [Fact]
    public void Closes_an_idle_hour_inside_a_tracks_day()
    {
        // Track gaps are off by default; here an idle hour between the track's two talks costs four quarter hours.
        var rooms = new List<Room> { new("A", 100, Tracks: ["t"]) };
        var problem = Problem([Talk("x", "p1") with { Track = "t" }, Talk("y", "p2") with { Track = "t" }], rooms, closes: 12 * H)
            with { Weights = new Weights(TrackGap: 10) };
        var (search, after, before) = Search(problem, [P("x", "A", 9 * H), P("y", "A", 11 * H)]);

        Assert.Equal(problem.Weights.TrackRoom + 4 * 10, before);
        Assert.Equal(problem.Weights.TrackRoom, search.Cost);
        Assert.Equal(H, Math.Abs(after[0].Slot.Start - after[1].Slot.Start));
    }

    [Fact]
    public void Takes_a_session_back_to_its_draft_place()
    {
        // The draft had x at A 9:00; the given schedule moved it for nothing, which costs a move.
        var problem = Problem([Talk("x", "p1"), Talk("y", "p2")]) with { Draft = new Dictionary<string, Slot> { ["x"] = new("A", 0, 9 * H) } };
        var (search, after, before) = Search(problem, [P("x", "B", 10 * H), P("y", "B", 9 * H)]);

        Assert.Equal(problem.Weights.Move, before);
        Assert.Equal(0, search.Cost);
        Assert.Equal(new Slot("A", 0, 9 * H), after.Single(p => p.SessionId == "x").Slot);
    }

    [Fact]
    public void On_a_generated_event_it_only_lowers_the_cost_and_leaves_pins_and_keynotes_where_they_are()
    {
        var generated = SolverInstance.Generate(seed: 5, sessions: 150, rooms: 16, days: 2, tracks: 8, attendees: 1500);
        // Pin a few talks where the greedy schedule put them: the search must not move them.
        var greedy = GreedyScheduler.Solve(generated).Placements;
        var pins = greedy.Take(5).ToDictionary(p => p.SessionId, p => p.Slot);
        var problem = generated with { Sessions = generated.Sessions.Select(s => pins.TryGetValue(s.Id, out var slot) ? s with { Pinned = slot } : s).ToList() };
        var (_, after, before) = Search(problem, greedy, moves: 200_000);

        var cost = ObjectiveCost.Of(new CandidateSpace(problem), after);
        Assert.True(cost < before, $"{cost} is not below the greedy schedule's {before}");
        Assert.Equal(greedy.Count, after.Count);
        var at = after.ToDictionary(p => p.SessionId, p => p.Slot);
        foreach (var (id, slot) in pins) Assert.Equal(slot, at[id]);
        foreach (var k in problem.Sessions.Where(s => s.Keynote))
            Assert.Equal(greedy.Single(p => p.SessionId == k.Id).Slot, at[k.Id]);
    }
}
