using Dapper;
using EventPlanner.Web.Data;
using Hangfire;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// The recurring Hangfire job that announces calls for papers opening and closing by their configured times
/// (<see cref="CfpWebhooks"/>). Idempotent: it finds only calls whose state differs from the one last announced, and each
/// is judged again, and claimed by a guarded write, in its own transaction.
/// </summary>
public sealed class CfpWebhookSweep(Db db, TimeProvider clock, CfpWebhooks webhooks)
{
    public const string JobId = "cfp-webhooks";

    /// <summary>A call opens and closes to the minute.</summary>
    public const string Schedule = "* * * * *";

    [AutomaticRetry(Attempts = 0)] // the next run, a minute later, is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Times are UTC ISO-8601 text in one format on both engines, so comparing them as text compares instants.
        var due = await db.ReadAsync(async c => (await c.QueryAsync<long>("""
                SELECT f.event_id FROM cfp_settings f LEFT JOIN cfp_webhook_states s ON s.event_id = f.event_id
                WHERE f.opens_at IS NOT NULL AND f.closes_at IS NOT NULL
                  AND (s.state IS NULL OR s.state <> CASE WHEN f.opens_at > @now THEN 'upcoming' WHEN f.closes_at > @now THEN 'open' ELSE 'closed' END)
                ORDER BY f.event_id
                """, new { now })).AsList(), ct);
        var published = 0;
        foreach (var eventId in due)
        {
            if (await db.WriteAsync((c, tx) => webhooks.AnnounceInAsync(c, tx, eventId), ct)) published++;
        }
        if (published > 0) webhooks.Kick();
        return published;
    }
}
