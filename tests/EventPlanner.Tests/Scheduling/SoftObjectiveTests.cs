using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>Each soft objective moves the result its way: weight 0 against a high weight, everything else equal.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class SoftObjectiveTests
{
    private static readonly TimeWindow Nine = new(0, 9 * H, 10 * H);
    private static readonly TimeWindow Two = new(0, 14 * H, 15 * H);

    private static SchedulingProblem BothPreferNine(params SessionToPlace[] sessions) => Problem(sessions) with
    {
        Speakers = sessions.SelectMany(s => s.SpeakerIds).Distinct().Select(id => new Speaker(id, Preferred: [Nine])).ToList(),
    };

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Popular_pair_clashes_without_weight_and_is_kept_apart_with_weight(SchedulingModel model)
    {
        var problem = BothPreferNine(Talk("tridge", "p1"), Talk("other", "p2")) with { PopularPairs = [new PopularPair("tridge", "other", 40)] };

        var ignored = SolveChecked(problem with { Weights = new Weights(PopularClash: 0) }, model);
        var weighted = SolveChecked(problem with { Weights = new Weights(PopularClash: 10) }, model);

        Assert.Equal(1, ignored.Score.PopularPairClashes);
        Assert.Equal(0, weighted.Score.PopularPairClashes);
        Assert.Equal(1, weighted.Score.PreferredTimeMisses);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Track_stays_in_one_room_with_weight(SchedulingModel model)
    {
        var problem = BothPreferNine(
            new SessionToPlace("r1", H, "talk", "rust", ["p1"]),
            new SessionToPlace("r2", H, "talk", "rust", ["p2"]));

        var ignored = SolveChecked(problem with { Weights = new Weights(TrackRoom: 0) }, model);
        var weighted = SolveChecked(problem with { Weights = new Weights(TrackRoom: 100) }, model);

        Assert.Equal(1, ignored.Score.TrackRoomChanges);
        Assert.Equal(0, weighted.Score.TrackRoomChanges);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Speaker_preferred_time_wins_over_the_draft_only_when_weighted(SchedulingModel model)
    {
        var problem = Problem([Talk("s1", "p1")], rooms: [new Room("A", 100)], opens: 9 * H, closes: 17 * H) with
        {
            Speakers = [new Speaker("p1", Preferred: [Two])],
            Draft = new Dictionary<string, Slot> { ["s1"] = new("A", 0, 9 * H) },
        };

        var ignored = SolveChecked(problem with { Weights = new Weights(PreferredTime: 0, Move: 30) }, model);
        var weighted = SolveChecked(problem with { Weights = new Weights(PreferredTime: 100, Move: 30) }, model);

        Assert.Equal(9 * H, ignored.At("s1").Start);
        Assert.Equal(14 * H, weighted.At("s1").Start);
        Assert.Equal(0, weighted.Score.PreferredTimeMisses);
        Assert.Equal(1, weighted.Score.MovesFromDraft);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Keynote_runs_alone_with_weight(SchedulingModel model)
    {
        var keynote = new SessionToPlace("keynote", H, "keynote", null, ["k"], Keynote: true, Pinned: new Slot("A", 0, 9 * H));
        var problem = BothPreferNine(keynote, Talk("t1", "p1"), Talk("t2", "p2"));

        var ignored = SolveChecked(problem with { Weights = new Weights(KeynoteNotAlone: 0) }, model);
        var weighted = SolveChecked(problem with { Weights = new Weights(KeynoteNotAlone: 500) }, model);

        Assert.Equal(1, ignored.Score.KeynotesNotAlone);
        Assert.Equal(0, weighted.Score.KeynotesNotAlone);
        Assert.Equal(10 * H, weighted.At("t1").Start);
        Assert.Equal(10 * H, weighted.At("t2").Start);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Re_solve_after_an_availability_change_moves_only_what_it_must(SchedulingModel model)
    {
        // The draft had s1 at 9:00 in A; its speaker can now only come at 10:00, where s2 sits in A.
        var draft = new Dictionary<string, Slot> { ["s1"] = new("A", 0, 9 * H), ["s2"] = new("A", 0, 10 * H), ["s3"] = new("B", 0, 9 * H) };
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p2"), Talk("s3", "p3")]) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 10 * H, 11 * H)]), new Speaker("p2", Preferred: [Nine]), new Speaker("p3", Preferred: [new TimeWindow(0, 10 * H, 11 * H)])],
            Draft = draft,
        };

        var sticky = SolveChecked(problem with { Weights = new Weights(Move: 100, PreferredTime: 20) }, model);
        var loose = SolveChecked(problem with { Weights = new Weights(Move: 0, PreferredTime: 20) }, model);

        Assert.Equal(1, sticky.Score.MovesFromDraft);
        Assert.Equal(new Slot("B", 0, 10 * H), sticky.At("s1"));
        Assert.True(loose.Score.MovesFromDraft > 1);
    }

    [Theory]
    [InlineData(SchedulingModel.Interval)]
    [InlineData(SchedulingModel.Slot)]
    [InlineData(SchedulingModel.Decomposed)]
    public void Track_runs_in_consecutive_slots_with_weight(SchedulingModel model)
    {
        // One room, 9:00-13:00. The second rust talk's speaker prefers 12:00; weighted, the track runs 9:00 and 10:00
        // without an idle hour between, and the preference is missed instead.
        var problem = Problem([new SessionToPlace("r1", H, "talk", "rust", ["p1"]), new SessionToPlace("r2", H, "talk", "rust", ["p2"])],
            rooms: [new Room("A", 100)], opens: 9 * H, closes: 13 * H) with
        {
            Speakers = [new Speaker("p1", Preferred: [Nine]), new Speaker("p2", Preferred: [new TimeWindow(0, 12 * H, 13 * H)])],
        };

        var ignored = SolveChecked(problem with { Weights = new Weights(TrackGap: 0) }, model);
        var weighted = SolveChecked(problem with { Weights = new Weights(TrackGap: 100) }, model);

        Assert.Equal(2 * H, ignored.Score.TrackGapMinutes);
        Assert.Equal(0, ignored.Score.PreferredTimeMisses);
        Assert.Equal(0, weighted.Score.TrackGapMinutes);
        Assert.Equal(1, weighted.Score.PreferredTimeMisses);
    }

    [Fact]
    public void Track_gaps_count_idle_minutes_per_track_and_day()
    {
        var problem = Problem([new SessionToPlace("a", H, "talk", "go", ["p1"]), new SessionToPlace("b", 30, "talk", "go", ["p2"]),
            new SessionToPlace("c", H, "talk", "go", ["p3"]), new SessionToPlace("d", H, "talk", null, ["p4"])], days: 2);
        var at = new Dictionary<string, Slot>
        {
            ["a"] = new("A", 0, 9 * H), ["b"] = new("B", 0, 10 * H + 30), ["c"] = new("A", 1, 9 * H), ["d"] = new("A", 0, 10 * H),
        };

        // Day 1: 9:00-11:00 spans 120 min, the track's sessions take 90: 30 idle. Day 2 has one go session: nothing to count.
        Assert.Equal(30, ScoreCard.TrackGaps(problem, at));
    }
}
