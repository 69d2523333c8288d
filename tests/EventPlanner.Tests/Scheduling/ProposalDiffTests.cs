using EventPlanner.Scheduling;

namespace EventPlanner.Tests.Scheduling;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public class ProposalDiffTests
{
    [Fact]
    public void Diff_against_the_draft_lists_moved_placed_unplaced_and_unchanged()
    {
        var problem = Events.Problem([Events.Talk("kept", "p1"), Events.Talk("moved", "p2"), Events.Talk("new", "p3"),
                new SessionToPlace("huge", Events.H, "talk", null, ["p4"], ExpectedAudience: 1000)]) with
        {
            Speakers = [new Speaker("p2", Available: [new TimeWindow(0, 10 * Events.H, 11 * Events.H)])],
            Draft = new Dictionary<string, Slot> { ["kept"] = new("A", 0, 9 * Events.H), ["moved"] = new("B", 0, 9 * Events.H) },
        };
        var result = Events.SolveChecked(problem, Events.Options() with { StopOnInfeasibleInput = false });

        var diff = ProposalDiff.Of(problem, result);

        Assert.Equal("kept", Assert.Single(diff.Unchanged).SessionId);
        var move = Assert.Single(diff.Moved);
        Assert.Equal(("moved", 10 * Events.H), (move.SessionId, move.To.Start));
        Assert.Equal("new", Assert.Single(diff.Placed).SessionId);
        Assert.Equal(("huge", "capacity"), (Assert.Single(diff.Unplaced).SessionId, Assert.Single(diff.Unplaced).Constraint));
    }
}
