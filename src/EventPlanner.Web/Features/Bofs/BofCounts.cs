using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>BoFs at a glance for the organisers' dashboard; a free slot is one no live BoF holds.</summary>
public sealed record BofCounts
{
    public int Proposed { get; init; }
    public int Booked { get; init; }
    public int FreeSlots { get; init; }

    public static async Task<BofCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<BofCounts>("""
            SELECT
              (SELECT COUNT(*) FROM bofs b WHERE b.event_id = @eventId AND b.is_cancelled = FALSE AND b.slot_id IS NULL) AS Proposed,
              (SELECT COUNT(*) FROM bofs b WHERE b.event_id = @eventId AND b.is_cancelled = FALSE AND b.slot_id IS NOT NULL) AS Booked,
              (SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @eventId
                 AND NOT EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE)) AS FreeSlots
            """, new { eventId });

    /// <summary>A room's BoF slots: free ones, and ones a live BoF has booked.</summary>
    public static async Task<(int FreeSlots, int Booked)> InRoomAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId)
    {
        var (free, booked) = await c.QuerySingleAsync<(long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @eventId AND s.room_id = @roomId
                 AND NOT EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE)),
              (SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @eventId AND s.room_id = @roomId
                 AND EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE))
            """, new { eventId, roomId }, tx);
        return ((int)free, (int)booked);
    }

    /// <summary>Free and booked BoF slots on one day of the event (a removed day, issue 14).</summary>
    public static async Task<(int FreeSlots, int Booked)> OnDayAsync(IDbConnection c, IDbTransaction? tx, long eventId, DateOnly date)
    {
        var (free, booked) = await c.QuerySingleAsync<(long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @eventId AND s.date = @date
                 AND NOT EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE)),
              (SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @eventId AND s.date = @date
                 AND EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE))
            """, new { eventId, date }, tx);
        return ((int)free, (int)booked);
    }
}
