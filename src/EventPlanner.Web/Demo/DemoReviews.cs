using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Reviewing in the demo: criteria, an open anonymous phase, a declared conflict, automatic assignments, reviews by
/// the demo reviewers (the first reviewer has one assigned talk left to score), and a few released decisions (one accepted talk waiting for its speaker's confirmation, one
/// on the waitlist, one not accepted). Written through the feature's stores, after the submissions part; it runs
/// once per event (it stops when the event already has review criteria or phases).
/// </summary>
public sealed class DemoReviews : IDemoPart
{
    private static readonly string[] Comments =
    [
        "Clear outline and a real need in our community.", "Good topic, but the abstract promises more than 25 minutes can hold.",
        "Would love this as a workshop instead.", "Solid; the speaker clearly knows the subject.", "A bit niche for the main hall.",
    ];

    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var setup = services.GetRequiredService<ReviewSetupStore>();
        var ctx = await setup.LoadContextAsync(e, ct);
        if (ctx.Criteria.Count > 0 || ctx.Phases.Count > 0 || data.Reviewers.Count == 0) return;
        var organiser = data.Organisers[0].Id;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var v = new Validator();

        await setup.SaveSettingsAsync(e.Id, new ReviewSettingsValues(ScoringRules.Mean, 2, 14), ct);
        var community = ctx.Tracks.FirstOrDefault(t => t.Name == "Community")?.Id;
        Added(data, await setup.AddCriterionAsync(e.Id, new CriterionValues("Relevance", "Does it matter to the people who come to FOSS.my?", 0, 3, 2, [], 0), v, ct));
        Added(data, await setup.AddCriterionAsync(e.Id, new CriterionValues("Clarity", "Is the abstract clear about what the audience takes home?", 1, 5, 1, [], 1), v, ct));
        if (community is { } c)
        {
            Added(data, await setup.AddCriterionAsync(e.Id, new CriterionValues("Community impact", "Will it bring people into a project?", 0, 3, 1, [c], 2), v, ct));
        }
        Added(data, await setup.AddPhaseAsync(e.Id, new PhaseValues("First round", now.AddDays(-10), now.AddDays(10), PhaseRules.AssignedReviewers, null,
            PhaseRules.SubmittedProposals, PhaseRules.AfterOwn, HideSpeakers: true), v, ct));
        if (v.HasErrors) throw new InvalidOperationException("Demo reviews: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
        ctx = await setup.LoadContextAsync(e, ct);

        // One reviewer coordinates the translators: a declared conflict keeps that talk out of their queue.
        var proposals = services.GetRequiredService<ProposalList>();
        var submitted = (await proposals.QueryAsync(e.Id, new ProposalFilter(Sort: "title"), ct: ct))
            .Where(p => p.State is ProposalStates.Submitted or ProposalStates.InReview).ToList();
        var conflicts = services.GetRequiredService<ConflictStore>();
        if (submitted.FirstOrDefault(p => p.Title.Contains("GNOME")) is { } translation)
        {
            await conflicts.RecordForReviewerAsync(e.Id, data.Reviewers[^1].Id, translation.Id, organiser, "Coordinates the Malay translation team.", new Validator(), ct);
            data.CountAdded();
        }

        var assignments = services.GetRequiredService<AssignmentStore>();
        var assignment = await assignments.AutoAssignAsync(e.Id, 2, PhaseRules.StatesFor(PhaseRules.SubmittedProposals),
            null, seed: 2026, organiser, ct);
        data.CountAdded(assignment.Added);
        // The first reviewer still has work in their queue: the talk already in review is assigned to them and left
        // for them to score (and it stays out of the decisions below).
        var waiting = submitted.FirstOrDefault(p => p.State == ProposalStates.InReview);
        if (waiting is not null && await assignments.AssignAsync(e.Id, waiting.Id, data.Reviewers[0].Id, organiser, new Validator(), ct)) data.CountAdded();

        var reviews = services.GetRequiredService<ReviewStore>();
        var phase = ctx.PhaseAt(now);
        var assigned = await assignments.ListAsync(e.Id, ct);
        var n = 0;
        foreach (var a in assigned)
        {
            if (a.ProposalId == waiting?.Id && a.UserId == data.Reviewers[0].Id) continue;
            var reviewer = new Reviewer(a.UserId, IsOrganiser: false);
            var scores = ctx.Criteria.ToDictionary(k => k.Id, k => (int?)(k.MinScore + (int)((a.ProposalId * 7 + a.UserId * 3 + k.Id) % (k.MaxScore - k.MinScore + 1))));
            var abstain = n == 3;
            var input = new ReviewInput(abstain ? null : scores, abstain ? "I mentored this speaker last year." : Comments[n % Comments.Length],
                n % 2 == 0 ? "Thank you for proposing; consider adding a short demo." : "", abstain);
            // A criterion limited to a track applies only there: the store refuses a score for it elsewhere, so retry without.
            if (await reviews.SaveAsync(ctx, reviewer, phase, a.ProposalId, input, new Validator(), ct) is { IsOk: false } && !abstain)
            {
                var general = ctx.Criteria.Where(k => k.TrackIdList.Count == 0).ToDictionary(k => k.Id, k => scores[k.Id]);
                await reviews.SaveAsync(ctx, reviewer, phase, a.ProposalId, input with { Scores = general }, new Validator(), ct);
            }
            n++;
        }
        data.CountAdded(n);

        // Decide the three best-reviewed of the talks reviewed here (in review since their first review) and release
        // them; the one still waiting for the first reviewer stays in review.
        var ranking = await services.GetRequiredService<RankingQuery>().LoadAsync(ctx, new RankingFilter(State: ProposalStates.InReview), organiser, ct);
        var decided = ranking.Rows.Where(r => r.Summary.Total is not null && r.Proposal.Id != waiting?.Id).Take(3).Select(r => r.Proposal.Id).ToList();
        var decisions = services.GetRequiredService<DecisionStore>();
        string[] outcomes = [ProposalStates.Accepted, ProposalStates.Waitlisted, ProposalStates.Rejected];
        for (var i = 0; i < decided.Count; i++)
        {
            await decisions.DecideAsync(ctx, [decided[i]], outcomes[i], includeNotes: true, organiser, new Validator(), ct);
        }
        await decisions.ReleaseAsync(ctx, decided, ct);
        data.CountAdded(decided.Count);
    }

    private static void Added(DemoData data, object? row)
    {
        if (row is not null) data.CountAdded();
    }
}
