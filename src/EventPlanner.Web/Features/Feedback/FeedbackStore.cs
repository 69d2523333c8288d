using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>
/// Ratings of sessions. Who may rate is decided inside the write transaction (ticket, session started, window open,
/// not their own talk), and the one-per-person rule is a UNIQUE constraint, so two quick clicks make one rating.
/// </summary>
public sealed class FeedbackStore(Db db, TimeProvider clock)
{
    /// <summary>A checked-in valid ticket, or any valid ticket when the event is online.</summary>
    internal static Task<bool> HasTicketAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId) =>
        c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = @eventId AND t.holder_user_id = @userId AND t.status = 'valid'
              AND (t.checked_in_at IS NOT NULL OR COALESCE((SELECT is_remote FROM feedback_settings WHERE event_id = @eventId), FALSE) = TRUE))
            """, new { eventId, userId }, tx);

    private static Task<bool> IsSpeakerAsync(IDbConnection c, IDbTransaction? tx, long sessionId, long userId) =>
        c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM schedule_session_speakers WHERE session_id = @sessionId AND user_id = @userId)",
            new { sessionId, userId }, tx);

    private static Task<FeedbackRow?> OwnAsync(IDbConnection c, IDbTransaction? tx, long sessionId, long userId) =>
        c.QuerySingleOrDefaultAsync<FeedbackRow?>("""
            SELECT id, session_id, rating, comment, created_at, updated_at FROM session_feedback WHERE session_id = @sessionId AND user_id = @userId
            """, new { sessionId, userId }, tx);

    private async Task<Refusal?> WhyNotAsync(IDbConnection c, IDbTransaction? tx, EventRow e, RateableSession s, long userId, FeedbackRow? own)
    {
        if (s.StartsAt is not { } start) return Refusal.Conflict("Not on the schedule", "This session has no time on the schedule, so it cannot be rated.");
        if (!await HasTicketAsync(c, tx, e.Id, userId))
            return Refusal.Forbidden("No ticket", "Only attendees with a checked-in ticket (a valid one, for an online event) can rate sessions.");
        if (await IsSpeakerAsync(c, tx, s.Id, userId)) return Refusal.Forbidden("Your own session", "Speakers do not rate their own sessions.");
        return FeedbackRules.WhyNot(clock.GetUtcNow(), start, FeedbackRules.ClosesAt(e), own?.CreatedAt);
    }

    /// <summary>Your rating of a session and whether you may give or change it; null when there is no such (live) session.</summary>
    public async Task<MyFeedbackResponse?> MineAsync(EventRow e, long sessionId, long userId, CancellationToken ct = default) =>
        (await ExplainAsync(e, sessionId, userId, ct)).Mine;

    /// <summary>
    /// Your rating and, when you may not give or change it now, why (with the status the API and the page answer). A session
    /// that is not on the published schedule has no rating to show: only the refusal (<see cref="RateableSessions.NotPublished"/>).
    /// </summary>
    public async Task<(MyFeedbackResponse? Mine, Refusal? Why)> ExplainAsync(EventRow e, long sessionId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        if (await RateableSessions.FindAsync(c, null, e.Id, sessionId) is not { } s) return (null, RateableSessions.NotPublished);
        var own = await OwnAsync(c, null, sessionId, userId);
        var why = await WhyNotAsync(c, null, e, s, userId, own);
        return (new MyFeedbackResponse(s.Id, s.Title, own?.Rating, own?.Comment ?? "", why is null, why?.Detail, FeedbackRules.ClosesAt(e)), why);
    }

    /// <summary>Gives or changes your rating. A refusal (404 <see cref="RateableSessions.NotPublished"/> for a session that is not on the
    /// published schedule): nothing was saved.</summary>
    public async Task<(MyFeedbackResponse? Saved, Refusal? Refused)> RateAsync(EventRow e, long sessionId, long userId, FeedbackValues values,
        CancellationToken ct = default)
    {
        var refused = await db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await RateableSessions.FindAsync(c, tx, e.Id, sessionId) is not { } s) return RateableSessions.NotPublished;
            var own = await OwnAsync(c, tx, sessionId, userId);
            if (await WhyNotAsync(c, tx, e, s, userId, own) is { } why) return why;
            var now = clock.GetUtcNow();
            await c.ExecuteAsync("""
                INSERT INTO session_feedback (event_id, session_id, user_id, rating, comment, created_at, updated_at)
                VALUES (@eventId, @sessionId, @userId, @Rating, @Comment, @now, @now)
                ON CONFLICT (session_id, user_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
                """, new { eventId = e.Id, sessionId, userId, values.Rating, values.Comment, now }, tx);
            return null;
        }, ct);
        if (refused is not null) return (null, refused);
        return (await MineAsync(e, sessionId, userId, ct), null);
    }

    public async Task<FeedbackSettingsResponse> SettingsAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(bool IsRemote, string? DigestSentAt)?>(
            "SELECT is_remote, digest_sent_at FROM feedback_settings WHERE event_id = @Id", new { e.Id });
        return new FeedbackSettingsResponse(row?.IsRemote == true, FeedbackRules.ClosesAt(e),
            row?.DigestSentAt is { } sent ? DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public async Task<FeedbackSettingsResponse> SetRemoteAsync(EventRow e, bool isRemote, CancellationToken ct = default)
    {
        await db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            INSERT INTO feedback_settings (event_id, is_remote) VALUES (@Id, @isRemote) ON CONFLICT (event_id) DO UPDATE SET is_remote = excluded.is_remote
            """, new { e.Id, isRemote }, tx), ct);
        return await SettingsAsync(e, ct);
    }

    /// <summary>Every placed session of the event with its ratings (organisers), or only <paramref name="speakerId"/>'s sessions.</summary>
    public async Task<IReadOnlyList<FeedbackSessionSummary>> SummariesAsync(long eventId, long? speakerId = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await SummariesAsync(c, null, eventId, speakerId);
    }

    internal static async Task<IReadOnlyList<FeedbackSessionSummary>> SummariesAsync(IDbConnection c, IDbTransaction? tx, long eventId, long? speakerId)
    {
        var sessions = (await c.QueryAsync<FeedbackSessionRow>("""
            SELECT s.id, s.title, t.name AS track, s.starts_at FROM schedule_sessions s LEFT JOIN tracks t ON t.id = s.track_id
            WHERE s.event_id = @eventId AND s.is_cancelled = FALSE AND s.starts_at IS NOT NULL
              AND (@speakerId IS NULL OR EXISTS (SELECT 1 FROM schedule_session_speakers x WHERE x.session_id = s.id AND x.user_id = @speakerId))
            ORDER BY s.starts_at, s.id
            """, new { eventId, speakerId }, tx)).AsList();
        var speakers = (await c.QueryAsync<FeedbackSpeakerRow>("""
            SELECT x.session_id, x.user_id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name
            FROM schedule_session_speakers x JOIN schedule_sessions s ON s.id = x.session_id JOIN users u ON u.id = x.user_id
                 LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
            WHERE s.event_id = @eventId ORDER BY x.session_id, x.sort_order
            """, new { eventId }, tx)).ToLookup(x => x.SessionId);
        // No rater in this query: what it feeds (speakers' and organisers' views, the digest) cannot name one.
        var ratings = (await c.QueryAsync<FeedbackReportRow>("""
            SELECT session_id, rating, comment FROM session_feedback WHERE event_id = @eventId ORDER BY session_id, rating DESC, comment
            """, new { eventId }, tx)).ToLookup(r => r.SessionId);
        return sessions.Select(s =>
        {
            var dist = FeedbackRules.Distribution(ratings[s.Id].Select(r => r.Rating));
            return new FeedbackSessionSummary(s.Id, s.Title, s.Track, speakers[s.Id].Select(x => x.Name).ToList(), dist.Sum(), FeedbackRules.Mean(dist), dist,
                ratings[s.Id].Select(r => r.Comment).Where(x => x.Length > 0).ToList());
        }).ToList();
    }
}
