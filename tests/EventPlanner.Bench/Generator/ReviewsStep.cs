using EventPlanner.Web.Features.Tickets;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// The committee's work: review settings, three criteria, a phase after the call closed,
/// reviewer teams that each cover a band of tracks (as FOSDEM's devrooms do), a few declared conflicts, automatic
/// assignment through the app's AssignmentStore, and the scale's number of reviews. ProposalsStep has already
/// decided most proposals (decisions come after reviews in life, but that step was written first), and ReviewStore
/// only scores proposals still under review, so the reviews that led to those decisions are written straight into
/// the reviews tables here, in one transaction, as ReviewStore would have stored them.
/// </summary>
public sealed class ReviewsStep : IGeneratorStep
{
    public string Name => "reviews";

    // Reviews issue and revoke speaker tickets (withdrawals in ProposalsStep reach them), so Tickets come along.
    public void AddServices(IServiceCollection services) => services.AddReviews().AddTickets();

    private static readonly string[] Reviewed =
    [
        ProposalStates.Submitted, ProposalStates.InReview, ProposalStates.Shortlisted, ProposalStates.Accepted,
        ProposalStates.Confirmed, ProposalStates.Waitlisted, ProposalStates.Rejected,
    ];

    public async Task RunAsync(GeneratorContext context, CancellationToken ct)
    {
        var services = context.Services;
        var setup = services.GetRequiredService<ReviewSetupStore>();
        var random = context.Random;
        var scale = context.Scale;
        var e = context.RequiredEvent;
        var organiser = context.Organisers[0].Id;
        var v = new Validator();
        var (_, closesOn) = ProposalsStep.CfpDates(scale);
        var opens = new DateTimeOffset(closesOn.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        context.Clock.Set(opens.AddHours(-2));

        var ctx = await setup.LoadContextAsync(e, ct);
        var tracks = ctx.Tracks.OrderBy(t => t.Id).ToList();
        await setup.SaveSettingsAsync(e.Id, new ReviewSettingsValues(ScoringRules.Mean, 3, 14), ct);
        _ = await setup.AddCriterionAsync(e.Id, new CriterionValues("Relevance", "Does it matter to this audience?", 0, 3, 2, [], 0), v, ct)
            ?? throw GeneratorContext.Invalid("criterion", v);
        _ = await setup.AddCriterionAsync(e.Id, new CriterionValues("Clarity", "Is the abstract clear?", 1, 5, 1, [], 1), v, ct)
            ?? throw GeneratorContext.Invalid("criterion", v);
        // Not limited to a track: the number of scores must not depend on the seed (the digest test compares row counts across seeds).
        _ = await setup.AddCriterionAsync(e.Id, new CriterionValues("Depth", "Enough substance for the track?", 0, 3, 1, [], 2), v, ct)
            ?? throw GeneratorContext.Invalid("criterion", v);
        var phase = await setup.AddPhaseAsync(e.Id, new PhaseValues("Committee round", opens, opens.AddDays(20), PhaseRules.AssignedReviewers, null,
            PhaseRules.SubmittedProposals, PhaseRules.AfterOwn, HideSpeakers: true), v, ct) ?? throw GeneratorContext.Invalid("phase", v);

        // Teams of reviewers, each covering two neighbouring bands of tracks, so every track has two teams.
        var teams = Math.Min(10, Math.Min(tracks.Count, context.Reviewers.Count));
        for (var j = 0; j < teams; j++)
        {
            var band = tracks.Where((_, i) => i % teams == j || i % teams == (j + 1) % teams).Select(t => t.Id).ToList();
            var members = context.Reviewers.Where((_, i) => i % teams == j).Select(r => r.Email).ToList();
            _ = await setup.AddTeamAsync(e.Id, new TeamValues($"Team {j + 1}", band, [], members), v, ct) ?? throw GeneratorContext.Invalid("team", v);
        }
        ctx = await setup.LoadContextAsync(e, ct);

        var db = services.GetRequiredService<Db>();
        IReadOnlyList<(long Id, int Version, long? Track)> proposals;
        await using (var c = await db.OpenAsync(ct))
        {
            proposals = (await c.QueryAsync<(long, int, long?)>($"""
                SELECT p.id, p.version, {ReviewerScope.FirstTrack} FROM proposals p WHERE p.event_id = @Id AND p.state IN @Reviewed ORDER BY p.id
                """, new { e.Id, Reviewed })).AsList();
        }

        // A reviewer in fifty declares a conflict with one proposal (before assignment, which respects them).
        var conflicts = services.GetRequiredService<ConflictStore>();
        foreach (var reviewer in context.Reviewers.Where((_, i) => i % 50 == 7))
        {
            await conflicts.RecordForReviewerAsync(e.Id, reviewer.Id, random.Pick(proposals).Id, organiser, "Works on the same project.", new Validator(), ct);
        }

        var perProposal = (int)Math.Ceiling((double)scale.Reviews / proposals.Count);
        _ = await services.GetRequiredService<AssignmentStore>().AutoAssignAsync(e.Id, perProposal, Reviewed, null, context.Seed, organiser, ct);
        var assignments = (await services.GetRequiredService<AssignmentStore>().ListAsync(e.Id, ct))
            .OrderBy(a => a.ProposalId).ThenBy(a => a.UserId).Take(scale.Reviews).ToList();

        // Each proposal has a quality the reviewers roughly agree on, so the ranking has a shape and a few controversies.
        var quality = proposals.ToDictionary(p => p.Id, _ => random.NextDouble());
        var byId = proposals.ToDictionary(p => p.Id);
        context.Clock.Set(opens.AddHours(1));
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var (a, n) in assignments.Select((a, n) => (a, n)))
            {
                context.Clock.Advance(TimeSpan.FromSeconds(random.Next(30, 400)));
                var now = context.Clock.GetUtcNow();
                var abstain = n % 40 == 39; // by position, so the row counts are the same for every seed
                var controversial = random.Next(12) == 0;
                var review = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO reviews (proposal_id, user_id, phase_id, abstained, comment, note_to_speaker, proposal_version, created_at, updated_at)
                    VALUES (@ProposalId, @UserId, @phase, @abstain, @comment, @note, @version, @now, @now) RETURNING id
                    """, new
                {
                    a.ProposalId, a.UserId, phase = phase.Id, abstain, comment = Names.Sentence(random, random.Next(6, 18)),
                    note = random.Next(3) == 0 ? Names.Sentence(random, 10) : "", version = byId[a.ProposalId].Version, now,
                }, tx);
                if (abstain) continue;
                foreach (var k in ctx.CriteriaFor(byId[a.ProposalId].Track))
                {
                    var q = controversial ? random.NextDouble() : Math.Clamp(quality[a.ProposalId] + (random.NextDouble() - 0.5) * 0.4, 0, 1);
                    await c.ExecuteAsync("INSERT INTO review_scores (review_id, criterion_id, score) VALUES (@review, @Id, @score)",
                        new { review, k.Id, score = k.MinScore + (int)Math.Round(q * (k.MaxScore - k.MinScore)) }, tx);
                }
            }
        }, ct);
    }
}
