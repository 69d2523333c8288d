using System.Data;
using Dapper;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>
/// Which sessions may be rated: only those on the published schedule (the latest release), at the time it shows.
/// A session that is only in the organisers' draft never took place as far as attendees know, and its draft title is
/// not public; one cancelled in the release did not take place. Read inside the rating's transaction.
/// </summary>
internal static class RateableSessions
{
    /// <summary>The same answer for a draft-only, cancelled or unknown session, so the refusal tells nobody which it was.</summary>
    public static readonly Refusal NotPublished = new(StatusCodes.Status404NotFound, "Not on the published schedule",
        "Only sessions on the published schedule can be rated, and this one is not on it.");

    public static async Task<RateableSession?> FindAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        var json = await c.ExecuteScalarAsync<string?>(
            "SELECT snapshot FROM schedule_releases WHERE event_id = @eventId ORDER BY number DESC LIMIT 1", new { eventId }, tx);
        if (json is null || ReleaseSnapshot.Parse(json).Find(sessionId) is not { } released) return null;
        // Cancelled since the release but not yet re-released: it is not going to happen, so it is not rated either.
        var live = await c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId AND is_cancelled = FALSE)
            """, new { sessionId, eventId }, tx);
        return live ? new RateableSession { Id = released.Id, EventId = eventId, Title = released.Title, StartsAt = released.StartsAt } : null;
    }
}
