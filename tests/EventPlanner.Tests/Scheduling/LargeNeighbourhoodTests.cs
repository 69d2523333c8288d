using System.Diagnostics;
using EventPlanner.Bench.Generator;
using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// The large-neighbourhood search after the move search: freed sessions are re-placed exactly by CP-SAT with the rest
/// fixed, so it finds rearrangements of several sessions at once, keeps every hard rule and every pin, and reports the
/// schedule's own cost. CP-SAT runs on one worker with a deterministic time limit, so each test is the same on a
/// loaded machine.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public class LargeNeighbourhoodTests
{
    private const string Deterministic = "num_workers:1,max_deterministic_time:2";

    [Fact]
    public void Trades_one_long_talk_for_two_short_ones_so_each_track_keeps_one_room()
    {
        // Two full rooms of 100 minutes, both open to both tracks. T: 50 + 50 minutes; U: 50 + 25 + 25. The given
        // schedule splits each track over both rooms; gathering them moves three sessions at once (t2 into A, u2 and
        // u3 into B), which no single move (no room has a free minute) or same-length swap does.
        var rooms = new List<Room> { new("A", 100, Tracks: ["t", "u"]), new("B", 100, Tracks: ["t", "u"]) };
        SessionToPlace S(string id, string track, int minutes) => new(id, minutes, "talk", track, [$"p-{id}"]);
        var problem = Problem([S("t1", "t", 50), S("t2", "t", 50), S("u1", "u", 50), S("u2", "u", 25), S("u3", "u", 25)], rooms,
            opens: 9 * H, closes: 9 * H + 100) with { GridMinutes = 5 };
        var space = new CandidateSpace(problem);
        var from = new List<Placement> { P("t1", "A", 9 * H), P("u2", "A", 9 * H + 50), P("u3", "A", 9 * H + 75), P("t2", "B", 9 * H), P("u1", "B", 9 * H + 50) };
        Assert.Empty(ScheduleChecker.Check(problem, from));

        var search = new LargeNeighbourhood(space, from, seed: 7);
        Assert.Equal(4 * problem.Weights.TrackRoom, search.Cost);
        var cost = search.Solve(["t1", "t2", "u1", "u2", "u3"], Deterministic, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(2 * problem.Weights.TrackRoom, cost);
        var after = search.Placements();
        Assert.Empty(ScheduleChecker.Check(problem, after));
        Assert.Equal(search.Cost, ObjectiveCost.Of(space, after));
        var rooms2 = after.GroupBy(p => p.SessionId[0]).ToDictionary(g => g.Key, g => g.Select(p => p.Slot.RoomId).Distinct().Count());
        Assert.Equal(1, rooms2['t']);
        Assert.Equal(1, rooms2['u']);
    }

    [Fact]
    public void A_neighbourhood_that_cannot_gain_leaves_the_schedule_as_it_was()
    {
        var rooms = new List<Room> { new("A", 100, Tracks: ["t"]) };
        var problem = Problem([Talk("x", "p1") with { Track = "t" }, Talk("y", "p2") with { Track = "t" }], rooms);
        var from = new List<Placement> { P("x", "A", 9 * H), P("y", "A", 10 * H) };
        var search = new LargeNeighbourhood(new CandidateSpace(problem), from, seed: 7);

        Assert.Null(search.Solve(["x", "y"], Deterministic, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(from.OrderBy(p => p.SessionId), search.Placements().OrderBy(p => p.SessionId));
    }

    [Fact]
    public void On_a_generated_event_it_only_lowers_the_cost_keeps_every_rule_and_leaves_pins_where_they_are()
    {
        var generated = SolverInstance.Generate(seed: 5, sessions: 150, rooms: 16, days: 2, tracks: 8, attendees: 1500);
        var greedy = GreedyScheduler.Solve(generated).Placements;
        var pins = greedy.Take(5).ToDictionary(p => p.SessionId, p => p.Slot);
        var problem = generated with { Sessions = generated.Sessions.Select(s => pins.TryGetValue(s.Id, out var slot) ? s with { Pinned = slot } : s).ToList() };
        var space = new CandidateSpace(problem);
        var before = ObjectiveCost.Of(space, greedy);
        var search = new LargeNeighbourhood(space, greedy, seed: 7);
        var reports = new List<long>();

        // A wall-clock limit per solve far above the deterministic one: the same neighbourhoods and answers on a loaded machine.
        search.Run(Stopwatch.StartNew(), TimeSpan.FromMinutes(10), Deterministic, CancellationToken.None, reports.Add, maxTries: 25, perSolve: TimeSpan.FromMinutes(1));

        var after = search.Placements();
        Assert.Empty(ScheduleChecker.Check(problem, after));
        Assert.Equal(greedy.Count, after.Count);
        Assert.Equal(ObjectiveCost.Of(space, after), search.Cost);
        Assert.True(search.Cost < before, $"{search.Cost} is not below the greedy schedule's {before}");
        Assert.Equal(search.Accepted, reports.Count);
        Assert.Equal(search.Cost, reports[^1]);
        Assert.Equal(reports.OrderByDescending(c => c), reports); // each accepted neighbourhood lowers the cost
        var at = after.ToDictionary(p => p.SessionId, p => p.Slot);
        foreach (var (id, slot) in pins) Assert.Equal(slot, at[id]);
    }
}
