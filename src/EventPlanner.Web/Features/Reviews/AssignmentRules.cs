namespace EventPlanner.Web.Features.Reviews;

/// <summary>A proposal to staff: the reviewers who may review it (scope, no conflict, not a speaker) and those already on it.</summary>
public sealed record AssignmentNeed(long ProposalId, IReadOnlyCollection<long> Eligible, IReadOnlyCollection<long> Assigned);

public sealed record AssignmentPlan(IReadOnlyList<(long ProposalId, long UserId)> Added, IReadOnlyList<long> Short, IReadOnlyDictionary<long, int> Loads);

/// <summary>
/// Automatic assignment: every proposal gets <c>perProposal</c> eligible reviewers (or all it has, when fewer may
/// review it, reported as short), and the reviewers' loads differ by at most one whenever the limits allow it.
/// Assignments that exist already count and stay put. Greedy first (most constrained proposal first, least loaded
/// reviewer next), then balanced by moving new assignments along chains: reviewer A hands proposal p to B, who
/// hands q to C, ... until someone two below A's load gains one. Ties are broken by a seeded shuffle, so a run is
/// reproducible and the lowest ids do not always get the work.
/// </summary>
public static class AssignmentRules
{
    public static AssignmentPlan Plan(IReadOnlyList<AssignmentNeed> needs, IReadOnlyList<long> reviewers, int perProposal, int seed)
    {
        var random = new Random(seed);
        var order = reviewers.Distinct().OrderBy(_ => random.Next()).Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var load = order.Keys.ToDictionary(r => r, _ => 0);
        var on = new Dictionary<long, HashSet<long>>();
        foreach (var n in needs)
        {
            on[n.ProposalId] = [.. n.Assigned];
            foreach (var r in n.Assigned.Where(load.ContainsKey)) load[r]++;
        }
        var eligible = needs.ToDictionary(n => n.ProposalId, n => n.Eligible.Where(order.ContainsKey).ToHashSet());
        var added = new List<(long ProposalId, long UserId)>();
        var movable = order.Keys.ToDictionary(r => r, _ => new HashSet<long>());
        var shortOf = new List<long>();

        foreach (var n in needs.OrderBy(n => eligible[n.ProposalId].Count).ThenBy(_ => random.Next()))
        {
            var staffed = on[n.ProposalId].Count(eligible[n.ProposalId].Contains);
            for (var k = staffed; k < perProposal; k++)
            {
                var pick = eligible[n.ProposalId].Where(r => !on[n.ProposalId].Contains(r))
                    .OrderBy(r => load[r]).ThenBy(r => order[r]).Select(r => (long?)r).FirstOrDefault();
                if (pick is not { } r)
                {
                    shortOf.Add(n.ProposalId);
                    break;
                }
                on[n.ProposalId].Add(r);
                load[r]++;
                movable[r].Add(n.ProposalId);
            }
        }

        while (TryMoveOne(load, order, movable, eligible, on)) { }

        foreach (var (r, proposals) in movable)
        {
            foreach (var p in proposals) added.Add((p, r));
        }
        return new AssignmentPlan(added.OrderBy(a => a.ProposalId).ThenBy(a => a.UserId).ToList(), shortOf, load);
    }

    // One improving chain, from the most loaded reviewer that has one: breadth-first over "r can hand a new
    // assignment of theirs to r2" until reaching a reviewer whose load is at least two below the start's.
    private static bool TryMoveOne(Dictionary<long, int> load, Dictionary<long, int> order, Dictionary<long, HashSet<long>> movable,
        Dictionary<long, HashSet<long>> eligible, Dictionary<long, HashSet<long>> on)
    {
        if (load.Count == 0 || load.Values.Max() - load.Values.Min() <= 1) return false;
        foreach (var start in load.Keys.OrderByDescending(r => load[r]).ThenBy(r => order[r]))
        {
            if (movable[start].Count == 0) continue;
            var via = new Dictionary<long, (long From, long Proposal)>();
            var queue = new Queue<long>([start]);
            var seen = new HashSet<long> { start };
            long? end = null;
            while (queue.Count > 0 && end is null)
            {
                var r = queue.Dequeue();
                foreach (var p in movable[r].OrderBy(p => p))
                {
                    foreach (var r2 in eligible[p].Where(x => !on[p].Contains(x) && !seen.Contains(x)).OrderBy(x => load[x]).ThenBy(x => order[x]))
                    {
                        seen.Add(r2);
                        via[r2] = (r, p);
                        if (load[r2] <= load[start] - 2) { end = r2; break; }
                        queue.Enqueue(r2);
                    }
                    if (end is not null) break;
                }
            }
            if (end is not { } target) continue;
            for (var r = target; r != start;)
            {
                var (from, p) = via[r];
                movable[from].Remove(p);
                on[p].Remove(from);
                movable[r].Add(p);
                on[p].Add(r);
                r = from;
            }
            load[start]--;
            load[target]++;
            return true;
        }
        return false;
    }
}
