using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

/// <summary>
/// Reviewing's invariants raced over HTTP: one review per reviewer and proposal, and proposal states that a
/// withdrawal and a decision cannot both claim. On PostgreSQL (READ COMMITTED) these hold only by the unique key and
/// the per-event lock, so the class runs on both engines.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReviewConcurrencyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Twenty_saves_of_one_review_at_once_leave_one_review_with_one_whole_set_of_scores()
    {
        var e = await ReviewKit.CreateAsync(app, "race-review");
        var (_, _, proposal) = await ReviewKit.SpeakerWithProposalAsync(app, e, "race-speaker@example.org", "Racing reviews");
        var (reviewerId, reviewer) = await ReviewKit.ReviewerAsync(app, e, "race-reviewer@example.org");

        for (var round = 0; round < 3; round++)
        {
            // Relevance r (0-3) always goes with clarity r + 1: a mix of two saves would break the pair.
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{proposal.Id}/review", ReviewKit.Scores(e, i % 4, i % 4 + 1, comment: $"save {i}"))));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            await using var c = await Db.OpenAsync();
            var reviews = (await c.QueryAsync<long>("SELECT id FROM reviews WHERE proposal_id = @Id AND user_id = @reviewerId",
                new { proposal.Id, reviewerId })).AsList();
            var reviewId = Assert.Single(reviews);
            var scores = (await c.QueryAsync<(long Criterion, long Score)>("SELECT criterion_id, score FROM review_scores WHERE review_id = @reviewId",
                new { reviewId })).ToDictionary(s => s.Criterion, s => s.Score);
            Assert.Equal(2, scores.Count);
            Assert.Equal(scores[e.Relevance] + 1, scores[e.Clarity]);
        }
    }

    [Fact]
    public async Task A_withdrawal_racing_an_acceptance_always_ends_withdrawn_and_never_fails()
    {
        var e = await ReviewKit.CreateAsync(app, "race-decide");
        for (var round = 0; round < 8; round++)
        {
            var (_, speaker, proposal) = await ReviewKit.SpeakerWithProposalAsync(app, e, $"race-withdraw-{round}@example.org", $"Withdrawn or accepted {round}");

            var withdraw = speaker.PostAsync($"{e.Api}/proposals/{proposal.Id}/withdraw", null);
            var decide = e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { proposal.Id }, state = "accepted" });
            var both = await Task.WhenAll(withdraw, decide);

            // The withdrawal always succeeds (an unconfirmed acceptance may be withdrawn); the decision either came
            // first (and was withdrawn over) or found a withdrawn proposal and said so. Never a decision on top.
            Assert.Equal(HttpStatusCode.OK, both[0].StatusCode);
            Assert.True(both[1].StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{both[1].StatusCode}");
            await using var c = await Db.OpenAsync();
            var state = await c.QuerySingleAsync<(string State, string ReleasedState)>("SELECT state, released_state FROM proposals WHERE id = @Id", new { proposal.Id });
            Assert.Equal(("withdrawn", "withdrawn"), state);
        }
    }
}
