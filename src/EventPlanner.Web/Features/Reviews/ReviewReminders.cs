using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// Tells a reviewer that a proposal they reviewed has changed since (once per new version). The title is the one
/// the reviewer sees: while the event's phase hides names it goes through the same scrub as every reviewer view.
/// </summary>
public sealed class StaleReviewNotices(Db db) : IReminderSource
{
    public string Name => "reviews-stale";

    private sealed record StaleRow
    {
        public long ReviewId { get; init; }
        public long UserId { get; init; }
        public long EventId { get; init; }
        public string Slug { get; init; } = "";
        public long ProposalId { get; init; }
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public string? RedactedTitle { get; init; }
        public string Speakers { get; init; } = "[]";
        public string Phases { get; init; } = "[]";
    }

    public async Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // A window, not an instant: changes of the last two days; older ones were told about on earlier runs.
        var rows = await c.QueryAsync<StaleRow>($"""
            SELECT r.id AS review_id, r.user_id, p.event_id, e.slug, p.id AS proposal_id, p.version, p.title, rr.title AS redacted_title,
                   {ReviewStore.Identities(db.Dialect)} AS speakers,
                   (SELECT {db.Dialect.JsonArrayAgg($"{db.Dialect.JsonObject}('opensAt', ph.opens_at, 'closesAt', ph.closes_at, 'hideSpeakers', {db.Dialect.JsonBool("ph.hide_speakers")})")}
                      FROM review_phases ph WHERE ph.event_id = p.event_id) AS phases
            FROM reviews r JOIN proposals p ON p.id = r.proposal_id JOIN events e ON e.id = p.event_id
            LEFT JOIN review_redactions rr ON rr.proposal_id = p.id
            WHERE r.proposal_version < p.version AND p.updated_at >= @since AND p.state NOT IN ('draft', 'withdrawn')
            """, new { since = now.AddDays(-2) });
        return rows.Select(r =>
        {
            var phase = PhaseRules.Effective(Json.List<PhaseRow>(r.Phases), now);
            var title = phase.HideSpeakers ? Anonymiser.Scrub(r.RedactedTitle ?? r.Title, Json.List<SpeakerIdentity>(r.Speakers)) : r.Title;
            return new NotificationRequest($"review-stale:{r.ReviewId}:v{r.Version}", ReviewNotificationKinds.ReviewStale.Name, r.UserId, r.EventId,
                new Dictionary<string, string> { ["title"] = title, ["review_link"] = $"/events/{r.Slug}/review/{r.ProposalId}" });
        }).ToList();
    }
}

/// <summary>Reminds accepted speakers who have not answered, from two days before their confirmation deadline.</summary>
public sealed class ConfirmationReminders(Db db) : IReminderSource
{
    public string Name => "reviews-confirm-reminders";

    private sealed record DueRow
    {
        public long ProposalId { get; init; }
        public long UserId { get; init; }
        public long EventId { get; init; }
        public string Slug { get; init; } = "";
        public string TimeZone { get; init; } = "UTC";
        public string Title { get; init; } = "";
        public int Round { get; init; }
        public DateTimeOffset ConfirmBy { get; init; }
    }

    public async Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<DueRow>("""
            SELECT p.id AS proposal_id, s.user_id, p.event_id, e.slug, e.time_zone, p.title, d.round, d.confirm_by
            FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id JOIN events e ON e.id = p.event_id
            JOIN proposal_speakers s ON s.proposal_id = p.id
            WHERE p.state = 'accepted' AND p.released_state = 'accepted' AND d.response IS NULL
              AND d.confirm_by > @now AND d.confirm_by <= @soon
            """, new { now, soon = now.AddDays(2) });
        return rows.Select(r => new NotificationRequest($"confirm-reminder:{r.ProposalId}:r{r.Round}:{r.UserId}", ReviewNotificationKinds.ConfirmReminder.Name,
            r.UserId, r.EventId, new Dictionary<string, string>
            {
                ["title"] = r.Title,
                ["confirm_link"] = $"/events/{r.Slug}/proposals/{r.ProposalId}/confirm",
                ["confirm_by"] = CfpTime.Describe(r.ConfirmBy, TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone)),
            })).ToList();
    }
}

/// <summary>The recurring job behind the lazy check: deadlines that pass while nobody looks still free their slots.</summary>
public sealed class ConfirmationDeadlineJob(ConfirmationStore confirmations)
{
    public const string JobId = "reviews-confirmation-deadlines";

    [AutomaticRetry(Attempts = 0)] // the next run, a quarter of an hour later, is the retry
    public Task<int> RunAsync(CancellationToken ct) => confirmations.ExpireAllOverdueAsync(ct);
}
