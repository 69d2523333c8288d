using EventPlanner.Scheduling;
using static EventPlanner.Tests.Scheduling.Events;

namespace EventPlanner.Tests.Scheduling;

/// <summary>Infeasible input is explained before solving, by counting, in the organiser's terms.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class InfeasibleInputTests
{
    [Fact]
    public void Too_many_step_free_sessions_on_one_day_are_counted_against_the_step_free_slots()
    {
        // Day 2 is 9:00-12:00; one step-free room: 3 one-hour slots for 4 sessions whose speakers only come on day 2.
        var sessions = Enumerable.Range(1, 4).Select(i => new SessionToPlace($"s{i}", H, "talk", null, [$"p{i}"], NeedsStepFree: true)).ToList();
        var problem = Problem(sessions, rooms: [new Room("ground", 100, StepFree: true), new Room("upstairs", 100)], days: 2, closes: 12 * H) with
        {
            Speakers = Enumerable.Range(1, 4).Select(i => new Speaker($"p{i}", Available: [new TimeWindow(1, 9 * H, 12 * H)])).ToList(),
        };
        var result = CpSatScheduler.Solve(problem, Options());

        Assert.Equal(SolveStatus.InfeasibleInput, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("room-time", finding.Constraint);
        Assert.Contains("4 sessions", finding.Message);
        Assert.Contains("need a step-free room", finding.Message);
        Assert.Contains("on day 2", finding.Message);
        Assert.Contains("3 such slots", finding.Message);
    }

    [Fact]
    public void Speakers_never_available_while_a_suitable_room_is_open_is_said_so()
    {
        var problem = Problem([new SessionToPlace("s1", H, "talk", null, ["p1", "p2"])],
            rooms: [new Room("A", 100, Open: [new TimeWindow(0, 13 * H, 17 * H)])], closes: 17 * H) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 9 * H, 13 * H + 30)]), new Speaker("p2", Available: [new TimeWindow(0, 11 * H, 17 * H)])],
        };
        var finding = Assert.Single(Diagnosis.Explain(problem));
        Assert.Contains("s1's speakers are never all available while a suitable room (A) is open", finding.Message);
        Assert.Equal("room-hours", finding.Constraint);
    }

    [Fact]
    public void Speakers_never_all_available_together_is_said_so()
    {
        var problem = Problem([new SessionToPlace("s1", H, "talk", null, ["p1", "p2"])]) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 9 * H, 10 * H)]), new Speaker("p2", Available: [new TimeWindow(0, 10 * H, 11 * H)])],
        };
        Assert.Contains("never all available", Assert.Single(Diagnosis.Explain(problem)).Message);
    }

    [Theory]
    [InlineData(500, false, "workshop", "capacity", "largest room that suits it seats 100")]
    [InlineData(10, true, "talk", "step-free", "needs a step-free room")]
    [InlineData(10, false, "hackathon", "session-type", "no room takes sessions of type 'hackathon'")]
    public void A_session_no_room_suits_is_explained(int audience, bool stepFree, string type, string constraint, string message)
    {
        var problem = Problem([new SessionToPlace("s1", H, type, null, ["p1"], audience, NeedsStepFree: stepFree)],
            rooms: [new Room("A", 100, SessionTypes: ["talk", "workshop"])]);
        var result = CpSatScheduler.Solve(problem, Options());
        Assert.Equal(SolveStatus.InfeasibleInput, result.Status);
        var unplaced = Assert.Single(result.Unplaced);
        Assert.Equal(constraint, unplaced.Constraint);
        Assert.Contains(message, unplaced.Reason);
    }

    [Fact]
    public void A_speaker_with_more_talk_time_than_availability_is_counted()
    {
        var problem = Problem([Talk("s1", "p1"), Talk("s2", "p1")]) with
        {
            Speakers = [new Speaker("p1", Available: [new TimeWindow(0, 9 * H, 10 * H + 30)])],
        };
        var finding = Assert.Single(Diagnosis.Explain(problem), f => f.Constraint == "speaker-availability");
        Assert.Contains("speaker p1 has 2 sessions (120 min) but is available for 90 min", finding.Message);
    }

    [Fact]
    public void Colliding_pins_are_named()
    {
        var problem = Problem(
        [
            new SessionToPlace("a", H, "talk", null, ["p1"], Pinned: new Slot("A", 0, 9 * H)),
            new SessionToPlace("b", H, "talk", null, ["p2"], Pinned: new Slot("A", 0, 9 * H + 30)),
        ]);
        var finding = Assert.Single(Diagnosis.Explain(problem), f => f.Constraint == "pinned");
        Assert.Contains("a and b overlap in room A", finding.Message);
    }
}
