using Dapper;
using EventPlanner.Tests.Data;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // counted on both engines; what each engine adds per connection is CountingApp.PerConnection
public sealed class ReviewQueryCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    // The reviewer's queue page: the EventReviewer role check (1), the event (1), the review set-up (6: settings, criteria,
    // phases, teams, tracks, session types) and the queue itself (1): 9 statements on 4 connections, plus the two
    // PRAGMAs Db.OpenAsync runs on each connection.
    private static readonly int QueueStatements = 9 + CountingApp.PerConnection * 4;

    // The ranking page: the EventOrganiser role check (1), the event (1), the set-up (6) and the ranking served from
    // its cache (2: the data version, and the proposals the viewer is conflicted with): 10 statements on 4 connections.
    private static readonly int RankingStatements = 10 + CountingApp.PerConnection * 4;

    // The ranking when the data changed since it was last worked out: the cached read, then in one read transaction
    // (version, proposals, packed scores; SQLite's hook also sees its BEGIN and COMMIT) on a fifth connection.
    private static readonly int RankingRecomputed = RankingStatements + 3 + CountingApp.PerTransaction + CountingApp.PerConnection;

    // The speaker's own list (event and proposals: 2 statements on 2 connections), to measure the shared layout's share.
    private static readonly int MinePageStatements = 2 + CountingApp.PerConnection * 2;

    [Fact]
    public async Task The_reviewer_queue_and_the_ranking_run_the_same_number_of_queries_for_ten_proposals_as_for_two_hundred()
    {
        var e = await ReviewKit.CreateAsync(app, "counted-reviews", otherScores: "always");
        await app.CreateUserAsync("counted-reviewer@example.org", "Counted Reviewer");
        await app.GrantAsync(e.Slug, "counted-reviewer@example.org", "reviewer");
        var reviewer = await app.SignInAsync("counted-reviewer@example.org");
        var reviewerApi = await app.CreateApiClientAsync("counted-reviewer@example.org");
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var others = new List<long>();
        for (var i = 0; i < 5; i++) others.Add((await ReviewKit.ReviewerAsync(app, e, $"counted-r{i}@example.org")).Id);
        var me = await IdOfAsync("counted-reviewer@example.org");

        await QueriesAsync(reviewer, $"/events/{e.Slug}/review"); // warm-up: first-use writes and caches are not the page's cost
        await QueriesAsync(organiser, $"/events/{e.Slug}/ranking");
        await QueriesAsync(reviewerApi, $"{e.Api}/review/queue"); // a token's first use records it, at most every five minutes
        await SeedAsync(e, me, others, 0, 10);
        var recomputedWithTen = await QueriesAsync(organiser, $"/events/{e.Slug}/ranking"); // the seeding changed the data version
        var queueWithTen = await QueriesAsync(reviewer, $"/events/{e.Slug}/review?show=everything");
        var rankingWithTen = await QueriesAsync(organiser, $"/events/{e.Slug}/ranking");
        var apiQueueWithTen = await QueriesAsync(reviewerApi, $"{e.Api}/review/queue");
        var apiRankingWithTen = await QueriesAsync(e.Organiser, $"{e.Api}/ranking");

        await SeedAsync(e, me, others, 10, 200);
        var recomputedWithTwoHundred = await QueriesAsync(organiser, $"/events/{e.Slug}/ranking");
        var queueWithTwoHundred = await QueriesAsync(reviewer, $"/events/{e.Slug}/review?show=everything");
        var rankingWithTwoHundred = await QueriesAsync(organiser, $"/events/{e.Slug}/ranking");
        var apiQueueWithTwoHundred = await QueriesAsync(reviewerApi, $"{e.Api}/review/queue");
        var apiRankingWithTwoHundred = await QueriesAsync(e.Organiser, $"{e.Api}/ranking");

        var layout = await QueriesAsync(reviewer, $"/events/{e.Slug}/proposals/mine") - MinePageStatements;
        Assert.Equal(QueueStatements + layout, queueWithTen);
        Assert.Equal(queueWithTen, queueWithTwoHundred);
        Assert.Equal(RankingStatements + layout, rankingWithTen);
        Assert.Equal(rankingWithTen, rankingWithTwoHundred);
        Assert.Equal(RankingRecomputed + layout, recomputedWithTen);
        Assert.Equal(recomputedWithTen, recomputedWithTwoHundred);
        Assert.Equal(apiQueueWithTen, apiQueueWithTwoHundred);
        Assert.Equal(apiRankingWithTen, apiRankingWithTwoHundred);
        var page = await organiser.GetStringAsync($"/events/{e.Slug}/ranking");
        Assert.Contains("200 proposals, page 1 of 2", page);
        Assert.Contains("Seeded talk 199", await organiser.GetStringAsync($"/events/{e.Slug}/ranking?sort=title&p=2"));
        Assert.Contains("200 proposals, page 4 of 4", await reviewer.GetStringAsync($"/events/{e.Slug}/review?show=everything&p=4"));
    }

    private async Task<long> IdOfAsync(string email)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE normalized_email = @n", new { n = email.ToUpperInvariant() });
    }

    // Straight into the tables: the count is about reading, and 200 speakers through the API would only make the test slow.
    private async Task SeedAsync(ReviewEvent e, long me, IReadOnlyList<long> reviewers, int from, int to)
    {
        var now = app.Clock.GetUtcNow();
        await app.Services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
        {
            var eventId = await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @Slug", new { e.Slug }, tx);
            for (var i = from; i < to; i++)
            {
                var speaker = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO users (email, normalized_email, display_name, security_stamp, concurrency_stamp, email_confirmed, created_at)
                    VALUES (@email, upper(@email), @name, 's', 'c', TRUE, @now) RETURNING id
                    """, new { email = $"seeded{i}@example.org", name = $"Seeded Speaker {i}", now }, tx);
                var proposal = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO proposals (event_id, session_type_id, title, abstract, duration_minutes, state, released_state, version, created_at, updated_at, submitted_at)
                    VALUES (@eventId, @type, @title, 'An abstract.', 25, 'submitted', 'submitted', 1, @now, @now, @now) RETURNING id
                    """, new { eventId, type = e.Cfp.TalkId, title = $"Seeded talk {i}", now }, tx);
                await c.ExecuteAsync("""
                    INSERT INTO proposal_speakers (proposal_id, user_id, is_owner, joined_at) VALUES (@proposal, @speaker, TRUE, @now);
                    INSERT INTO proposal_tracks (proposal_id, track_id, preference) VALUES (@proposal, @track, 1);
                    """, new { proposal, speaker, now, track = e.TrackIds[i % e.TrackIds.Count] }, tx);
                var reviewersOfIt = i % 3 == 0 ? [.. reviewers.Take(4), me] : reviewers;
                foreach (var (reviewer, k) in reviewersOfIt.Select((r, k) => (r, k)))
                {
                    var review = await c.ExecuteScalarAsync<long>("""
                        INSERT INTO reviews (proposal_id, user_id, abstained, comment, proposal_version, created_at, updated_at)
                        VALUES (@proposal, @reviewer, FALSE, 'Seeded.', 1, @now, @now) RETURNING id
                        """, new { proposal, reviewer, now }, tx);
                    await c.ExecuteAsync("""
                        INSERT INTO review_scores (review_id, criterion_id, score) VALUES (@review, @relevance, @r), (@review, @clarity, @s)
                        """, new { review, relevance = e.Relevance, clarity = e.Clarity, r = (i + k) % 4, s = 1 + (i * k) % 5 }, tx);
                }
                if (i % 2 == 0)
                {
                    await c.ExecuteAsync("INSERT INTO review_assignments (proposal_id, user_id, assigned_at) VALUES (@proposal, @me, @now)",
                        new { proposal, me, now }, tx);
                }
            }
        });
    }

    private static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return int.Parse(response.Headers.GetValues("X-Query-Count").Single());
    }
}
