namespace EventPlanner.Scheduling;

public sealed record Move(string SessionId, Slot From, Slot To);

/// <summary>
/// A proposal against the current draft, as the organiser reviews it: what moves, what gets a place, what stays
/// or becomes unplaced (with the reason), and what is untouched.
/// </summary>
public sealed record ProposalDiff(
    IReadOnlyList<Move> Moved,
    IReadOnlyList<Placement> Placed,
    IReadOnlyList<Unplaced> Unplaced,
    IReadOnlyList<Placement> Unchanged)
{
    public static ProposalDiff Of(SchedulingProblem problem, SolveResult result)
    {
        var now = result.Placements.ToDictionary(p => p.SessionId, p => p.Slot);
        var moved = new List<Move>();
        var placed = new List<Placement>();
        var unchanged = new List<Placement>();
        foreach (var s in problem.Sessions)
        {
            if (!now.TryGetValue(s.Id, out var to)) continue;
            if (!problem.Draft.TryGetValue(s.Id, out var from)) placed.Add(new Placement(s.Id, to));
            else if (from == to) unchanged.Add(new Placement(s.Id, to));
            else moved.Add(new Move(s.Id, from, to));
        }
        return new ProposalDiff(moved, placed, result.Unplaced, unchanged);
    }
}
