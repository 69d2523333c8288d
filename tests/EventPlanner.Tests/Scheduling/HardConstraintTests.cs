using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>
/// Each hard constraint provoked: the soft objectives (preferred times, popular pairs, track rooms) pull towards the
/// placement that would break it, and the solver still returns a schedule the independent checker accepts.
/// </summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class HardConstraintTests
{
    private static readonly TimeWindow Nine = new(0, 9 * H, 10 * H);

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void A_room_holds_one_session_at_a_time(SchedulingModel model)
    {
        // One room; both speakers prefer 9:00.
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p2")], rooms: [new Room("A", 100)]) with
        {
            Speakers = [new Speaker("p1", Preferred: [Nine]), new Speaker("p2", Preferred: [Nine])],
        };
        var result = SolveChecked(problem, model);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(2, result.Placements.Count);
        Assert.False(Overlap(result, problem, "s1", "s2"));
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void A_speaker_is_in_one_place_at_a_time_also_across_co_located_events(SchedulingModel model)
    {
        // p1 gives two talks and prefers 9:00 for both; p2 is busy 10:00-11:00 at a co-located event.
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p1"), Talk("s3", "p2")]) with
        {
            Speakers = [new Speaker("p1", Preferred: [Nine]), new Speaker("p2", Busy: [new TimeWindow(0, 10 * H, 11 * H)], Preferred: [new TimeWindow(0, 10 * H, 11 * H)])],
        };
        var result = SolveChecked(problem, model);
        Assert.False(Overlap(result, problem, "s1", "s2"));
        Assert.Equal(9 * H, result.At("s3").Start);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Sessions_stay_inside_speakers_availability_and_the_day_and_room_opening_hours(SchedulingModel model)
    {
        // p1 is available 10:00-12:00 only but prefers 9:00; room B opens at 10:30; the day closes at 11:00.
        var problem = Problem([Talk("s1", "p1")], rooms: [new Room("B", 100, Open: [new TimeWindow(0, 10 * H + 30, 13 * H)])]) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 10 * H, 12 * H)], Preferred: [Nine])],
            Days = [new EventDay(0, 9 * H, 12 * H)],
        };
        var result = SolveChecked(problem, model);
        Assert.True(result.At("s1").Start >= 10 * H + 30);
        Assert.True(result.At("s1").Start + H <= 12 * H);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void A_session_never_runs_from_one_window_into_the_next_when_windows_touch(SchedulingModel model)
    {
        // The app's grid slots and a speaker's stated ranges may touch (9:00-9:45, 9:45-10:30): a 60-minute talk fits
        // in neither, although the free minutes run on, so the checker and the solver both refuse 9:15-10:15.
        var touching = new List<TimeWindow> { new(0, 9 * H, 9 * H + 45), new(0, 9 * H + 45, 10 * H + 30) };
        var byRoom = Problem([Talk("s1", "p1")], rooms: [new Room("A", 100, Open: touching)]);
        var bySpeaker = Problem([Talk("s1", "p1")], rooms: [new Room("A", 100)]) with { Speakers = [new Speaker("p1", Available: touching)] };

        foreach (var problem in new[] { byRoom, bySpeaker })
        {
            var result = SolveChecked(problem, model);
            Assert.Empty(result.Placements);
            Assert.Single(result.Unplaced, u => u.SessionId == "s1");
            Assert.NotEmpty(ScheduleChecker.Check(problem, [new Placement("s1", new Slot("A", 0, 9 * H + 15))]));
        }
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Expected_audience_fits_the_room_even_when_the_track_pulls_elsewhere(SchedulingModel model)
    {
        var small = new Room("small", 50);
        var big = new Room("big", 300);
        var problem = Problem(
            [
                new SessionToPlace("pinned", H, "talk", "rust", ["p1"], ExpectedAudience: 40, Pinned: new Slot("small", 0, 9 * H)),
                new SessionToPlace("crowd", H, "talk", "rust", ["p2"], ExpectedAudience: 200),
            ], rooms: [small, big]) with { Weights = new Weights(TrackRoom: 10_000) };
        var result = SolveChecked(problem, model);
        Assert.Equal("big", result.At("crowd").RoomId);
        Assert.Equal(1, result.Score.TrackRoomChanges);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Pinned_sessions_stay_even_when_they_clash_with_a_popular_one(SchedulingModel model)
    {
        var problem = Problem(
            [
                Talk("free", "p1"),
                new SessionToPlace("pinned", H, "talk", null, ["p2"], Pinned: new Slot("A", 0, 10 * H)),
                new SessionToPlace("also-pinned", H, "talk", null, ["p3"], Pinned: new Slot("B", 0, 10 * H)),
            ]) with
        {
            PopularPairs = [new PopularPair("pinned", "also-pinned", 500), new PopularPair("free", "pinned", 1)],
            Draft = new Dictionary<string, Slot> { ["pinned"] = new("B", 0, 9 * H) },
        };
        var result = SolveChecked(problem, model);
        Assert.Equal(new Slot("A", 0, 10 * H), result.At("pinned"));
        Assert.Equal(new Slot("B", 0, 10 * H), result.At("also-pinned"));
        Assert.Equal(9 * H, result.At("free").Start);
        Assert.Equal(1, result.Score.PopularPairClashes);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Session_types_and_step_free_needs_only_go_to_rooms_that_suit_them(SchedulingModel model)
    {
        var rooms = new List<Room>
        {
            new("hall", 500, SessionTypes: ["talk"]),
            new("lab", 30, SessionTypes: ["workshop"]),
            new("ground", 60, StepFree: true, SessionTypes: ["talk"]),
        };
        var problem = Problem(
            [
                new SessionToPlace("ws", H, "workshop", "rust", ["p1"]),
                new SessionToPlace("talk", H, "talk", "rust", ["p2"], NeedsStepFree: true),
                new SessionToPlace("other", H, "talk", "rust", ["p3"]),
            ], rooms: rooms) with { Weights = new Weights(TrackRoom: 10_000) };
        // The track pulls everything into as few rooms as possible; only the lab takes workshops, only ground is step-free.
        var result = SolveChecked(problem, model);
        Assert.Equal("lab", result.At("ws").RoomId);
        Assert.Equal("ground", result.At("talk").RoomId);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Taken_room_time_for_community_blocks_and_bofs_is_left_alone(SchedulingModel model)
    {
        var problem = Problem([Talk("s1", "p1")], rooms: [new Room("A", 100)]) with
        {
            Taken = [new TakenInterval("A", new TimeWindow(0, 9 * H, 10 * H), "Debian community block")],
            Speakers = [new Speaker("p1", Preferred: [Nine])],
        };
        var result = SolveChecked(problem, model);
        Assert.Equal(10 * H, result.At("s1").Start);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void A_session_that_cannot_fit_is_left_unplaced_with_its_reason_when_asked_to_place_what_fits(SchedulingModel model)
    {
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p1"), Talk("s3", "p1")]);
        var result = SolveChecked(problem, model, Options() with { StopOnInfeasibleInput = false });
        Assert.Equal(2, result.Placements.Count);
        var unplaced = Assert.Single(result.Unplaced);
        Assert.Equal("room-time", unplaced.Constraint);
    }

    [Fact]
    public void Checker_reports_each_broken_hard_constraint()
    {
        var problem = Problem(
            [
                new SessionToPlace("a", H, "talk", null, ["p1"], ExpectedAudience: 150),
                new SessionToPlace("b", H, "workshop", null, ["p1"], NeedsStepFree: true, Pinned: new Slot("B", 0, 9 * H)),
            ], rooms: [new Room("A", 100, SessionTypes: ["talk"]), new Room("B", 100)]) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 9 * H, 9 * H + 30)])],
            Taken = [new TakenInterval("A", new TimeWindow(0, 10 * H, 10 * H + 15), "BoF")],
        };
        var broken = ScheduleChecker.Check(problem, [new Placement("a", new Slot("A", 0, 9 * H + 30)), new Placement("b", new Slot("A", 0, 10 * H + 15))]);
        var constraints = broken.Select(v => v.Constraint).ToHashSet();
        foreach (var expected in new[] { "capacity", "speaker-availability", "room-taken", "step-free", "session-type", "pinned", "room", "speaker", "day-hours" })
            Assert.Contains(expected, constraints);
    }
}
