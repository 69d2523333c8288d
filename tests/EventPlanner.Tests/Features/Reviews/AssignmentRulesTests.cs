using EventPlanner.Web.Features.Reviews;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class AssignmentRulesTests
{
    private static void AssertComplete(AssignmentPlan plan, IReadOnlyList<AssignmentNeed> needs, int perProposal)
    {
        var byProposal = plan.Added.GroupBy(a => a.ProposalId).ToDictionary(g => g.Key, g => g.Select(a => a.UserId).ToList());
        foreach (var n in needs)
        {
            var staff = n.Assigned.Concat(byProposal.GetValueOrDefault(n.ProposalId) ?? []).ToList();
            Assert.Equal(staff.Count, staff.Distinct().Count());
            Assert.All(byProposal.GetValueOrDefault(n.ProposalId) ?? [], r => Assert.Contains(r, n.Eligible));
            Assert.Equal(Math.Min(perProposal, n.Eligible.Count), staff.Count(n.Eligible.Contains));
        }
    }

    [Fact]
    public void Every_proposal_gets_n_reviewers_and_loads_differ_by_at_most_one()
    {
        long[] reviewers = [1, 2, 3, 4, 5, 6, 7];
        var needs = Enumerable.Range(100, 50).Select(p => new AssignmentNeed(p, reviewers, [])).ToList();

        var plan = AssignmentRules.Plan(needs, reviewers, 3, seed: 1);

        AssertComplete(plan, needs, 3);
        Assert.Equal(150, plan.Added.Count);
        Assert.True(plan.Loads.Values.Max() - plan.Loads.Values.Min() <= 1, string.Join(",", plan.Loads.Values));
        Assert.Empty(plan.Short);
    }

    [Fact]
    public void Conflicts_and_track_limits_are_respected_and_loads_still_balance_when_they_can()
    {
        // Reviewers 1-2 review track A only, 3-4 track B only, 5-6 both; reviewer 5 is conflicted with every third proposal.
        var needs = new List<AssignmentNeed>();
        for (var p = 0; p < 40; p++)
        {
            var trackA = p % 2 == 0;
            var eligible = (trackA ? new long[] { 1, 2, 5, 6 } : [3, 4, 5, 6]).Where(r => !(r == 5 && p % 3 == 0)).ToList();
            needs.Add(new AssignmentNeed(p, eligible, []));
        }

        var plan = AssignmentRules.Plan(needs, [1, 2, 3, 4, 5, 6], 2, seed: 42);

        AssertComplete(plan, needs, 2);
        Assert.True(plan.Loads.Values.Max() - plan.Loads.Values.Min() <= 1, string.Join(",", plan.Loads.Select(l => $"{l.Key}:{l.Value}")));
    }

    [Fact]
    public void Balancing_moves_work_along_chains_when_the_greedy_start_is_uneven()
    {
        // Proposals 0-5 can go only to reviewer 1 or 2; 6-11 to anyone. A greedy pass that fills 6-11 first would overload 1 and 2.
        var needs = Enumerable.Range(0, 6).Select(p => new AssignmentNeed(p, [1, 2], []))
            .Concat(Enumerable.Range(6, 6).Select(p => new AssignmentNeed(p, [1, 2, 3, 4], []))).ToList();

        var plan = AssignmentRules.Plan(needs, [1, 2, 3, 4], 1, seed: 3);

        AssertComplete(plan, needs, 1);
        Assert.Equal([3, 3, 3, 3], plan.Loads.OrderBy(l => l.Key).Select(l => l.Value));
    }

    [Fact]
    public void Existing_assignments_count_and_stay_and_a_proposal_with_too_few_eligible_reviewers_is_reported_short()
    {
        var needs = new List<AssignmentNeed>
        {
            new(1, [1, 2, 3], [1]),
            new(2, [1, 2, 3], []),
            new(3, [2], []),
        };

        var plan = AssignmentRules.Plan(needs, [1, 2, 3], 2, seed: 7);

        AssertComplete(plan, needs, 2);
        Assert.DoesNotContain(plan.Added, a => a == (1, 1));
        Assert.Equal([3L], plan.Short);
        Assert.Single(plan.Added, a => a.ProposalId == 3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        long[] reviewers = [1, 2, 3, 4, 5];
        var needs = Enumerable.Range(0, 20).Select(p => new AssignmentNeed(p, reviewers, [])).ToList();

        Assert.Equal(AssignmentRules.Plan(needs, reviewers, 2, 9).Added, AssignmentRules.Plan(needs, reviewers, 2, 9).Added);
    }
}
