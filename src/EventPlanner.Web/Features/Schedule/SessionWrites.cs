using System.Data;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A session placed by another feature (a booked BoF, a community group's session): its row in
/// <c>schedule_sessions</c>, with <see cref="Source"/> saying which feature keeps it up to date.
/// </summary>
public sealed record PlacedSession(
    long EventId, string Kind, string Title, string Abstract, long? TrackId, int DurationMinutes, int ExpectedAudience,
    long RoomId, DateTimeOffset StartsAt, string Source);

/// <summary>
/// Schedule owns <c>schedule_sessions</c> and <c>schedule_session_speakers</c>: these are the writes other features
/// (Bofs, Community, Lightning) make to them, inside their own transaction, so their rules and the session change
/// commit together. Each one bumps the session's version, as the schedule's own writes do, so a board open
/// elsewhere sees the change. Publishing the change (<see cref="LiveSchedule"/>) stays with the caller.
/// </summary>
public static class SessionWrites
{
    /// <summary>Adds a placed session; returns its id. Its guid is made here and never changes.</summary>
    public static Task<long> CreateInAsync(IDbConnection c, IDbTransaction tx, PlacedSession s, DateTimeOffset now) =>
        c.ExecuteScalarAsync<long>("""
            INSERT INTO schedule_sessions (event_id, guid, kind, title, abstract, language, track_id, duration_minutes, expected_audience, room_id, starts_at,
                                           source, created_at, updated_at)
            VALUES (@EventId, @guid, @Kind, @Title, @Abstract, '', @TrackId, @DurationMinutes, @ExpectedAudience, @RoomId, @StartsAt, @Source, @now, @now)
            RETURNING id
            """, new { s.EventId, guid = Guid.NewGuid().ToString(), s.Kind, s.Title, s.Abstract, s.TrackId, s.DurationMinutes, s.ExpectedAudience,
            s.RoomId, s.StartsAt, s.Source, now }, tx);

    /// <summary>
    /// Rewrites a placed session's details and place, and revives it if it was cancelled. Returns false when there is no
    /// such session. <paramref name="withKindAndTrack"/> false keeps the kind and track the session has (an organiser may
    /// have changed them on the board).
    /// </summary>
    public static async Task<bool> ReviseInAsync(IDbConnection c, IDbTransaction tx, long sessionId, PlacedSession s, DateTimeOffset now,
        bool withKindAndTrack = true) =>
        await c.ExecuteAsync(withKindAndTrack
            ? """
              UPDATE schedule_sessions SET kind = @Kind, title = @Title, abstract = @Abstract, track_id = @TrackId, duration_minutes = @DurationMinutes,
                     expected_audience = @ExpectedAudience, room_id = @RoomId, starts_at = @StartsAt, is_cancelled = FALSE, version = version + 1, updated_at = @now
              WHERE id = @sessionId
              """
            : """
              UPDATE schedule_sessions SET title = @Title, abstract = @Abstract, room_id = @RoomId, starts_at = @StartsAt, duration_minutes = @DurationMinutes,
                     expected_audience = @ExpectedAudience, is_cancelled = FALSE, version = version + 1, updated_at = @now
              WHERE id = @sessionId
              """, new { sessionId, s.Kind, s.Title, s.Abstract, s.TrackId, s.DurationMinutes, s.ExpectedAudience, s.RoomId, s.StartsAt, now }, tx) == 1;

    /// <summary>
    /// Puts a session in a room at a time (or, with nulls, back in the unscheduled list) if it is still at
    /// <paramref name="version"/>; false when it is not (changed meanwhile, or not this event's). The grid's moves and
    /// an applied schedule suggestion both place through here.
    /// </summary>
    public static async Task<bool> PlaceInAsync(IDbConnection c, IDbTransaction tx, long eventId, long sessionId, int version, long? roomId,
        DateTimeOffset? startsAt, DateTimeOffset now) =>
        await c.ExecuteAsync("""
            UPDATE schedule_sessions SET room_id = @roomId, starts_at = @startsAt, version = version + 1, updated_at = @now
            WHERE id = @sessionId AND event_id = @eventId AND version = @version
            """, new { sessionId, eventId, version, roomId, startsAt, now }, tx) == 1;

    /// <summary>Replaces the session's speakers with these accounts, in this order.</summary>
    public static async Task SetSpeakersInAsync(IDbConnection c, IDbTransaction tx, long sessionId, IReadOnlyList<long> userIds)
    {
        await c.ExecuteAsync("DELETE FROM schedule_session_speakers WHERE session_id = @sessionId", new { sessionId }, tx);
        for (var i = 0; i < userIds.Count; i++)
        {
            await c.ExecuteAsync("INSERT INTO schedule_session_speakers (session_id, user_id, sort_order) VALUES (@sessionId, @userId, @i)",
                new { sessionId, userId = userIds[i], i }, tx);
        }
    }

    /// <summary>Marks one session cancelled (it stays on the public schedule as such); with <paramref name="source"/>, only a session of that source.</summary>
    public static async Task<bool> CancelInAsync(IDbConnection c, IDbTransaction tx, long sessionId, DateTimeOffset now, string? source = null) =>
        await c.ExecuteAsync("""
            UPDATE schedule_sessions SET is_cancelled = TRUE, version = version + 1, updated_at = @now
            WHERE id = @sessionId AND (@source IS NULL OR source = @source)
            """, new { sessionId, now, source }, tx) == 1;

    /// <summary>Cancels those of these sessions that are not cancelled yet; returns how many it cancelled.</summary>
    public static Task<int> CancelLiveInAsync(IDbConnection c, IDbTransaction tx, IReadOnlyList<long> sessionIds, DateTimeOffset now) =>
        sessionIds.Count == 0
            ? Task.FromResult(0)
            : c.ExecuteAsync($"""
                UPDATE schedule_sessions SET is_cancelled = TRUE, version = version + 1, updated_at = @now
                WHERE is_cancelled = FALSE AND {SqlDialect.Of(c).InList("id", "@sessionIds")}
                """, new { sessionIds, now }, tx);

    /// <summary>Deletes a session (one never released: a released one is cancelled instead, see <see cref="SessionStore.ReleasedAsync"/>).</summary>
    public static async Task<bool> DeleteInAsync(IDbConnection c, IDbTransaction tx, long sessionId) =>
        await c.ExecuteAsync("DELETE FROM schedule_sessions WHERE id = @sessionId", new { sessionId }, tx) == 1;
}
