using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// The schedule at a glance for the organisers' dashboard. Unplaced counts the programme's sessions without a room
/// or a time (a removed room leaves its sessions here); what a release would change is <see cref="ReleaseStore.PreviewAsync"/>.
/// </summary>
public sealed record ScheduleCounts
{
    public int Placed { get; init; }
    public int Unplaced { get; init; }
    public int Releases { get; init; }

    public static async Task<ScheduleCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<ScheduleCounts>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.is_cancelled = FALSE
                 AND s.room_id IS NOT NULL AND s.starts_at IS NOT NULL) AS Placed,
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.is_cancelled = FALSE AND s.source = 'programme'
                 AND (s.room_id IS NULL OR s.starts_at IS NULL)) AS Unplaced,
              (SELECT COUNT(*) FROM schedule_releases r WHERE r.event_id = @eventId) AS Releases
            """, new { eventId });

    /// <summary>Sessions placed in a room, by whether a release publishes them (programme) or they went out at once (BoFs, community).</summary>
    public static async Task<(int Programme, int Live, int GridSlots)> InRoomAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId)
    {
        var (programme, live, slots) = await c.QuerySingleAsync<(long, long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.room_id = @roomId AND s.is_cancelled = FALSE AND s.source = 'programme'),
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.room_id = @roomId AND s.is_cancelled = FALSE AND s.source <> 'programme'),
              (SELECT COUNT(*) FROM schedule_slots x WHERE x.event_id = @eventId AND x.room_id = @roomId)
            """, new { eventId, roomId }, tx);
        return ((int)programme, (int)live, (int)slots);
    }

    /// <summary>
    /// What lies on one day of the event (a removed day, issue 14): placed sessions starting in [<paramref name="from"/>,
    /// <paramref name="to"/>) (the day's bounds in the event's zone, as UTC), programme and live apart, the day's grid slots
    /// and room hours.
    /// </summary>
    public static async Task<(int Programme, int Live, int GridSlots, int RoomHours)> OnDayAsync(IDbConnection c, IDbTransaction? tx, long eventId,
        DateOnly date, DateTimeOffset from, DateTimeOffset to)
    {
        var (programme, live, slots, hours) = await c.QuerySingleAsync<(long, long, long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.starts_at >= @from AND s.starts_at < @to
                 AND s.is_cancelled = FALSE AND s.source = 'programme'),
              (SELECT COUNT(*) FROM schedule_sessions s WHERE s.event_id = @eventId AND s.starts_at >= @from AND s.starts_at < @to
                 AND s.is_cancelled = FALSE AND s.source <> 'programme'),
              (SELECT COUNT(*) FROM schedule_slots x WHERE x.event_id = @eventId AND x.date = @date),
              (SELECT COUNT(*) FROM schedule_room_hours h JOIN rooms r ON r.id = h.room_id WHERE r.event_id = @eventId AND h.date = @date)
            """, new { eventId, date, from, to }, tx);
        return ((int)programme, (int)live, (int)slots, (int)hours);
    }
}
