using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// Schedule's part of what a destructive action touches (the confirmation step): read on the caller's connection, inside
/// its transaction when the confirming post recounts before it writes.
/// </summary>
public static class ScheduleImpact
{
    public static async Task<int> SessionsInTrackAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId) =>
        (int)await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schedule_sessions WHERE event_id = @eventId AND track_id = @trackId AND is_cancelled = FALSE", new { eventId, trackId }, tx);

    public sealed record SessionFacts(string Title, IReadOnlyList<string> Speakers, int Stars, bool Released);

    public static async Task<SessionFacts?> SessionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        var title = await c.ExecuteScalarAsync<string?>("SELECT title FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId", new { eventId, sessionId }, tx);
        if (title is null) return null;
        var speakers = (await c.QueryAsync<string>("""
            SELECT u.display_name FROM schedule_session_speakers ss JOIN users u ON u.id = ss.user_id WHERE ss.session_id = @sessionId ORDER BY ss.sort_order, u.id
            """, new { sessionId }, tx)).AsList();
        var (stars, released) = await StarsAndReleasesAsync(c, tx, eventId, sessionId);
        return new SessionFacts(title, speakers, stars, released);
    }

    /// <summary>Speakers with accounts, stars, and whether any release has shown the session.</summary>
    public static async Task<(int Speakers, int Stars, bool Released)> SessionCountsAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        var speakers = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schedule_session_speakers WHERE session_id = @sessionId", new { sessionId }, tx);
        var (stars, released) = await StarsAndReleasesAsync(c, tx, eventId, sessionId);
        return ((int)speakers, stars, released);
    }

    private static async Task<(int Stars, bool Released)> StarsAndReleasesAsync(IDbConnection c, IDbTransaction? tx, long eventId, long sessionId)
    {
        var (stars, released) = await c.QuerySingleAsync<(long, long)>($"""
            SELECT
              (SELECT COUNT(*) FROM schedule_stars WHERE session_id = @sessionId),
              ({ReleasedSessionsSql.Select(c, "COUNT(*)")} AND {ReleasedSessionsSql.Id(c)} = @sessionId)
            """, new { eventId, sessionId }, tx);
        return ((int)stars, released > 0);
    }

    public sealed record SlotFacts(string Date, string Starts, string Ends, string? Room, IReadOnlyList<DateTimeOffset> SessionStarts);

    /// <summary>A grid slot, and the start times of the live sessions in its room (every room's for a slot of every room).</summary>
    public static async Task<SlotFacts?> SlotAsync(IDbConnection c, IDbTransaction? tx, long eventId, long slotId)
    {
        var slot = await c.QuerySingleOrDefaultAsync<(string? Date, long? RoomId, string Starts, string Ends, string? Room)>("""
            SELECT x.date, x.room_id, x.starts, x.ends, r.name FROM schedule_slots x LEFT JOIN rooms r ON r.id = x.room_id
            WHERE x.id = @slotId AND x.event_id = @eventId
            """, new { slotId, eventId }, tx);
        if (slot.Date is null) return null;
        var starts = (await c.QueryAsync<DateTimeOffset>("""
            SELECT starts_at FROM schedule_sessions
            WHERE event_id = @eventId AND starts_at IS NOT NULL AND is_cancelled = FALSE AND (@roomId IS NULL OR room_id = @roomId)
            """, new { eventId, roomId = slot.RoomId }, tx)).AsList();
        return new SlotFacts(slot.Date, slot.Starts, slot.Ends, slot.Room, starts);
    }

    public static async Task<int> LiveSessionsOfProposalAsync(IDbConnection c, IDbTransaction? tx, long proposalId) =>
        (int)await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schedule_sessions WHERE proposal_id = @proposalId AND is_cancelled = FALSE", new { proposalId }, tx);
}
