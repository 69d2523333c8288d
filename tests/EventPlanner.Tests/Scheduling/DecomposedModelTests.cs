using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// What is particular to the slot-then-room decomposition (the shared hard-constraint and soft-objective tests run on
/// it too): phase 1's room counts keep phase 2 assignable, a Hall violator phase 1 did not count is cut and solved
/// again, the room phase honours capacity and suitability, the bound is phase 1's and below the schedule's cost.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public class DecomposedModelTests
{
    private static readonly TimeWindow Nine = new(0, 9 * H, 10 * H);

    private static SchedulingProblem AllPreferNine(SchedulingProblem problem) => problem with
    {
        Speakers = problem.Sessions.SelectMany(s => s.SpeakerIds).Distinct().Select(id => new Speaker(id, Preferred: [Nine])).ToList(),
    };

    [Fact]
    public void Phase_one_counts_the_big_rooms_so_big_sessions_are_not_all_put_at_nine()
    {
        // One room for 200, two for 50; three talks expect 150 and everyone prefers 9:00. Rooms are not in phase 1,
        // only the count "sessions needing the big room ≤ 1 at a time": two of the big talks must move, the small ones
        // run beside them, and every talk is in a room that seats its audience.
        var rooms = new List<Room> { new("Big", 200), new("S1", 50), new("S2", 50) };
        var sessions = new List<SessionToPlace>
        {
            Talk("big1", "p1") with { ExpectedAudience = 150 }, Talk("big2", "p2") with { ExpectedAudience = 150 },
            Talk("small1", "p3") with { ExpectedAudience = 40 }, Talk("small2", "p4") with { ExpectedAudience = 40 },
        };
        var problem = AllPreferNine(Problem(sessions, rooms, closes: 11 * H));
        var result = SolveChecked(problem, SchedulingModel.Decomposed);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(4, result.Placements.Count);
        Assert.Equal("Big", result.At("big1").RoomId);
        Assert.Equal("Big", result.At("big2").RoomId);
        Assert.Equal(1, result.Score.PreferredTimeMisses); // one big talk at 10:00, the rest at 9:00
        Assert.Equal(0, result.Phases!.Repaired);
    }

    [Fact]
    public void Room_phase_honours_session_types_and_step_free_needs()
    {
        // The workshop goes only to the lab, the step-free need only to the ground floor: both at 9:00 as preferred.
        var rooms = new List<Room> { new("Lab", 100, SessionTypes: ["workshop"]), new("Ground", 100, StepFree: true), new("Upstairs", 100) };
        var sessions = new List<SessionToPlace>
        {
            new("ws", H, "workshop", null, ["p1"]),
            Talk("access", "p2") with { NeedsStepFree = true },
            Talk("plain", "p3"),
        };
        var result = SolveChecked(AllPreferNine(Problem(sessions, rooms)), SchedulingModel.Decomposed);

        Assert.Equal(("Lab", 9 * H), (result.At("ws").RoomId, result.At("ws").Start));
        Assert.Equal(("Ground", 9 * H), (result.At("access").RoomId, result.At("access").Start));
        Assert.Equal(("Upstairs", 9 * H), (result.At("plain").RoomId, result.At("plain").Start));
        Assert.Equal(0, result.Score.PreferredTimeMisses);
    }

    [Fact]
    public void A_room_set_phase_one_did_not_count_is_cut_and_phase_one_solved_again()
    {
        // Room sets by session type: {A,B}, {B,C}, {A,C}, {A,B} — each set on its own, and all four rooms together, have
        // room for the talks confined to it, but the four talks are confined to A, B and C together: three rooms. With
        // everyone preferring 9:00, phase 1 first puts all four there; phase 2 cannot match them, the Hall violator
        // {A, B, C} becomes a count, and the second round moves one talk to 10:00.
        var rooms = new List<Room>
        {
            new("A", 100, SessionTypes: ["t1", "t3", "t4"]), new("B", 100, SessionTypes: ["t1", "t2", "t4"]),
            new("C", 100, SessionTypes: ["t2", "t3"]), new("D", 100, SessionTypes: ["t5"]),
        };
        var sessions = new List<SessionToPlace>
        {
            new("s1", H, "t1", null, ["p1"]), new("s2", H, "t2", null, ["p2"]), new("s3", H, "t3", null, ["p3"]), new("s4", H, "t4", null, ["p4"]),
        };
        var result = SolveChecked(AllPreferNine(Problem(sessions, rooms)), SchedulingModel.Decomposed);

        Assert.Equal(4, result.Placements.Count);
        Assert.Equal(1, result.Score.PreferredTimeMisses);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        var phases = result.Phases!;
        Assert.True(phases.Rounds >= 2, $"rounds {phases.Rounds}");
        Assert.True(phases.HallCuts >= 1, $"cuts {phases.HallCuts}");
        Assert.Equal(0, phases.Repaired); // the last round needed no repair
        Assert.Equal(20, result.BestBound); // one miss is proven unavoidable once {A, B, C} is counted
    }

    [Fact]
    public void Rooms_that_fail_across_time_points_are_repaired_and_the_result_stays_legal()
    {
        // a (30 min) only fits room A, c (30 min) only room B, b (60 min) either; everyone prefers 9:00-10:00. Phase 1
        // puts b at 9:00 with a and c one after the other beside it: two sessions at every point, two rooms, every
        // count holds. But b would need B at 9:00 (a has A) and A at 9:30 (c has B): no room for the whole hour, which
        // no count at a single point can see and no Hall cut describes. The repair moves one session out of the hour,
        // and the result is legal and complete: one preference missed, which is the optimum.
        var rooms = new List<Room> { new("A", 100, SessionTypes: ["ta", "talk"]), new("B", 100, SessionTypes: ["tc", "talk"]) };
        var sessions = new List<SessionToPlace>
        {
            new("a", 30, "ta", null, ["p1"]), new("b", H, "talk", null, ["p2"]), new("c", 30, "tc", null, ["p3"]),
        };
        var result = SolveChecked(AllPreferNine(Problem(sessions, rooms)), SchedulingModel.Decomposed);

        Assert.Equal(3, result.Placements.Count);
        Assert.Equal(1, result.Score.PreferredTimeMisses);
        Assert.Equal(20, result.Objective);
        var phases = result.Phases!;
        Assert.Equal(0, phases.HallCuts);
        Assert.True(phases.Repaired >= 1, $"repaired {phases.Repaired}");
        Assert.Equal(0, phases.SlotBound); // phase 1 alone sees no cost: the counts all hold
    }

    [Fact]
    public void Room_minutes_let_phase_one_prove_the_room_changes_of_tracks_sharing_rooms()
    {
        // Three one-room-at-a-time tracks of 120 minutes share two rooms of 180 minutes: no timetable keeps all three
        // in one room each. "Most sessions at once" alone counted one room per track (3 × 50, the bound before room
        // minutes); phase 1's room assignment counts the minutes, so it proves the fourth (track, room) pair itself.
        var rooms = new List<Room> { new("A", 100, Tracks: ["x", "y", "z"]), new("B", 100, Tracks: ["x", "y", "z"]) };
        var sessions = new List<SessionToPlace>();
        foreach (var t in new[] { "x", "y", "z" })
            for (var i = 0; i < 2; i++) sessions.Add(Talk($"{t}{i}", $"p{t}{i}") with { Track = t });
        var problem = Problem(sessions, rooms, closes: 12 * H);
        var result = SolveChecked(problem, SchedulingModel.Decomposed);

        Assert.Equal(6, result.Placements.Count);
        Assert.Equal(200, result.Phases!.SlotBound);
        var tracksUsed = 3;
        Assert.Equal(50 * (result.Score.TrackRoomChanges + tracksUsed), result.Objective);
        Assert.Equal(200, result.Objective);
        Assert.Equal(result.Objective, result.BestBound);
        Assert.Equal(SolveStatus.Optimal, result.Status);
    }

    [Fact]
    public void Equal_or_better_than_the_slot_model_on_a_small_hand_made_event()
    {
        // Two tracks, two rooms, a popular pair and preferences: both models reach the same optimum.
        var rooms = new List<Room> { new("A", 100), new("B", 100) };
        var sessions = new List<SessionToPlace>
        {
            Talk("a1", "p1") with { Track = "a" }, Talk("a2", "p2") with { Track = "a" },
            Talk("b1", "p3") with { Track = "b" }, Talk("b2", "p4") with { Track = "b" },
        };
        var problem = AllPreferNine(Problem(sessions, rooms)) with { PopularPairs = [new PopularPair("a1", "b1", 30), new PopularPair("a2", "b2", 5)] };
        var slot = SolveChecked(problem, SchedulingModel.Slot);
        var decomposed = SolveChecked(problem, SchedulingModel.Decomposed);

        Assert.Equal(SolveStatus.Optimal, slot.Status);
        Assert.Equal(SolveStatus.Optimal, decomposed.Status);
        Assert.True(decomposed.Objective <= slot.Objective, $"decomposed {decomposed.Objective}, slot {slot.Objective}");
        Assert.Equal(decomposed.Objective, decomposed.BestBound);
    }
}
