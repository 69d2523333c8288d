using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// The recurring Hangfire job that reminds everyone coming to a social event in the day before it starts. Idempotent:
/// the dedupe key names the invitation and the start time, so each run may find the same people and each is told
/// once (and told again only if the social event moves).
/// </summary>
public sealed class SocialReminderJob(Db db, TimeProvider clock, Outbox outbox, EventStore events)
{
    public const string JobId = "social-reminders";

    /// <summary>Hourly: a reminder goes out 23 to 24 hours ahead.</summary>
    public const string Schedule = "5 * * * *";

    private sealed record Due
    {
        public long SocialEventId { get; init; }
        public string Slug { get; init; } = "";
    }

    [AutomaticRetry(Attempts = 0)] // the next run, an hour later, is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.ReadAsync(async c => (await c.QueryAsync<Due>("""
                SELECT s.id AS social_event_id, e.slug FROM social_events s JOIN events e ON e.id = s.event_id
                WHERE s.starts_at > @now AND s.starts_at <= @until
                """, new { now, until = now.AddDays(1) })).AsList(), ct);
        var queued = 0;
        foreach (var d in due)
        {
            if (await events.FindAsync(d.Slug, ct) is not { } e) continue;
            queued += await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
            {
                if (await SocialStore.FindAsync(c, tx, e.Id, d.SocialEventId) is not { } s) return 0;
                var coming = await c.QueryAsync<SocialInvitationRow>($"{SocialSeating.InvitationSelect} WHERE social_event_id = @Id AND state = 'attending'",
                    new { s.Id }, tx);
                foreach (var i in coming) await batch.AddAsync(c, tx, SocialNotices.Reminder(s, i, e.Zone));
                return batch.Queued;
            }, ct);
        }
        return queued;
    }
}
