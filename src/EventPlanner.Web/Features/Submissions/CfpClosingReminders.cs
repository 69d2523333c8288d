using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Speakers holding drafts hear, from three days before the deadline until it passes, that the call
/// for papers closes soon. The deadline is the draft's session type's own, else the call's; the key
/// carries it, so an extended deadline earns a fresh reminder while a repeated run earns none.
/// One reminder per speaker, event and deadline, naming all their drafts.
/// </summary>
public sealed class CfpClosingReminders(Db db) : IReminderSource
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(3);

    public string Name => "cfp-closing";

    public async Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var drafts = await c.QueryAsync<DraftRow>("""
            SELECT p.event_id, e.slug AS event_slug, e.time_zone, s.user_id, p.id AS proposal_id, p.title,
                   COALESCE(t.closes_at, f.closes_at) AS closes_at
            FROM proposals p
            JOIN proposal_speakers s ON s.proposal_id = p.id
            JOIN session_types t ON t.id = p.session_type_id
            JOIN cfp_settings f ON f.event_id = p.event_id
            JOIN events e ON e.id = p.event_id
            WHERE p.state = 'draft' AND t.is_enabled = TRUE AND f.opens_at <= @now
              AND COALESCE(t.closes_at, f.closes_at) > @now AND COALESCE(t.closes_at, f.closes_at) <= @until
            ORDER BY p.event_id, s.user_id, p.id
            """, new { now, until = now + Ahead });

        var due = new List<NotificationRequest>();
        foreach (var group in drafts.GroupBy(d => (d.EventId, d.UserId, d.ClosesAt)))
        {
            var first = group.First();
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(first.TimeZone, out var zone)) zone = TimeZoneInfo.Utc;
            due.Add(new NotificationRequest(
                $"cfp-closing:{first.EventId}:{first.ClosesAt.UtcDateTime:yyyyMMdd'T'HHmm}:{first.UserId}",
                SubmissionNotificationKinds.CfpClosingReminder.Name, first.UserId, first.EventId, new Dictionary<string, string>
                {
                    ["closes_at"] = CfpTime.Describe(first.ClosesAt, zone),
                    ["drafts"] = string.Join(", ", group.Select(d => $"“{d.Title}”")),
                    ["proposals_link"] = $"/events/{first.EventSlug}/proposals/mine",
                }));
        }
        return due;
    }

    private sealed record DraftRow
    {
        public long EventId { get; init; }
        public string EventSlug { get; init; } = "";
        public string TimeZone { get; init; } = "UTC";
        public long UserId { get; init; }
        public long ProposalId { get; init; }
        public string Title { get; init; } = "";
        public DateTimeOffset ClosesAt { get; init; }
    }
}
