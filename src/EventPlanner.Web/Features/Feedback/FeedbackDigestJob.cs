using System.Globalization;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>
/// The recurring job that mails each speaker their digest once feedback has closed. Idempotent twice over: the event
/// is marked done in the same transaction that queues the mails, and each mail's dedupe key names the event and the
/// speaker, so a retried run tells nobody twice.
/// </summary>
public sealed class FeedbackDigestJob(Db db, TimeProvider clock, Outbox outbox, EventStore events)
{
    public const string JobId = "feedback-digests";

    /// <summary>Hourly: a digest goes out within the hour after feedback closes.</summary>
    public const string Schedule = "20 * * * *";

    [AutomaticRetry(Attempts = 0)] // the next run, an hour later, is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Feedback closes 8 local days after ends_on; 9 in UTC covers every zone, and no more than 60 days back.
        var candidates = await db.ReadAsync(async c => (await c.QueryAsync<string>("""
                SELECT e.slug FROM events e LEFT JOIN feedback_settings f ON f.event_id = e.id
                WHERE f.digest_sent_at IS NULL AND e.ends_on <= @latest AND e.ends_on >= @earliest
                  AND EXISTS (SELECT 1 FROM schedule_sessions s JOIN schedule_session_speakers x ON x.session_id = s.id
                              WHERE s.event_id = e.id AND s.is_cancelled = FALSE AND s.starts_at IS NOT NULL)
                """, new { latest = Day(now.AddDays(-(FeedbackRules.DaysOpenAfterEvent))), earliest = Day(now.AddDays(-60)) })).AsList(), ct);
        var queued = 0;
        foreach (var slug in candidates)
        {
            if (await events.FindAsync(slug, ct) is not { } e || now < FeedbackRules.ClosesAt(e)) continue;
            // One transaction per event, each kicking its own mail after it commits.
            queued += await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
            {
                var claimed = await c.ExecuteAsync("""
                    INSERT INTO feedback_settings (event_id, digest_sent_at) VALUES (@Id, @now)
                    ON CONFLICT (event_id) DO UPDATE SET digest_sent_at = excluded.digest_sent_at WHERE feedback_settings.digest_sent_at IS NULL
                    """, new { e.Id, now }, tx);
                if (claimed == 0) return 0;
                var sessions = await FeedbackStore.SummariesAsync(c, tx, e.Id, null);
                var speakers = await c.QueryAsync<FeedbackSpeakerRow>("""
                    SELECT x.session_id, x.user_id, '' AS name FROM schedule_session_speakers x JOIN schedule_sessions s ON s.id = x.session_id
                    WHERE s.event_id = @Id AND s.is_cancelled = FALSE AND s.starts_at IS NOT NULL
                    """, new { e.Id }, tx);
                foreach (var speaker in speakers.GroupBy(x => x.UserId))
                {
                    var theirs = sessions.Where(s => speaker.Any(x => x.SessionId == s.SessionId)).ToList();
                    await batch.AddAsync(c, tx, new NotificationRequest($"feedback-digest:{e.Id}:{speaker.Key}", FeedbackNotificationKinds.Digest.Name,
                        speaker.Key, e.Id, new Dictionary<string, string>
                        {
                            ["digest"] = Digest(theirs),
                            ["feedback_link"] = $"/events/{e.Slug}/feedback/mine",
                        }));
                }
                return batch.Queued;
            }, ct);
        }
        return queued;
    }

    /// <summary>Plain text for the mail: per session the count, mean, distribution and the comments, with no names.</summary>
    public static string Digest(IEnumerable<FeedbackSessionSummary> sessions)
    {
        var sb = new StringBuilder();
        foreach (var s in sessions)
        {
            var dist = string.Join(", ", Enumerable.Range(0, 5).Reverse().Select(i => $"{i + 1}★ {s.Distribution[i]}"));
            sb.Append(s.Title).Append(": ");
            sb.Append(s.Count == 0 ? "no ratings" : string.Create(CultureInfo.InvariantCulture, $"{s.Count} rating{(s.Count == 1 ? "" : "s")}, average {s.Mean:0.0} ({dist})"));
            sb.Append('\n');
            foreach (var comment in s.Comments) sb.Append("  \"").Append(comment.Replace("\n", " ")).Append("\"\n");
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd();
    }

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
