using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// BoFs' part of what a destructive action touches (the confirmation step): read on the caller's connection, inside its
/// transaction when the confirming post recounts before it writes.
/// </summary>
public static class BofImpact
{
    /// <summary>A BoF slot: when and where (in the event's time), the BoF booked into it, and the proposed BoFs still waiting for a slot.</summary>
    public static async Task<(string? When, string? BookedBy, int Waiting)> SlotAsync(IDbConnection c, IDbTransaction? tx, long eventId, long slotId)
    {
        var s = await c.QuerySingleOrDefaultAsync<(string? Date, string Starts, string Ends, string Room, string? BookedBy, long Waiting)>("""
            SELECT s.date, s.starts, s.ends, r.name,
              (SELECT b.title FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE),
              (SELECT COUNT(*) FROM bofs b WHERE b.event_id = @eventId AND b.is_cancelled = FALSE AND b.slot_id IS NULL)
            FROM bof_slots s JOIN rooms r ON r.id = s.room_id WHERE s.id = @slotId AND s.event_id = @eventId
            """, new { eventId, slotId }, tx);
        return s.Date is null ? (null, null, 0) : ($"{s.Date} {s.Starts[..5]}–{s.Ends[..5]} in {s.Room}", s.BookedBy, (int)s.Waiting);
    }

    /// <summary>A live BoF: its title, interested people, whether it holds a slot and whether it is on the schedule.</summary>
    public static async Task<(string? Title, int Interested, bool Booked, bool OnSchedule)> BofAsync(IDbConnection c, IDbTransaction? tx, long eventId, long bofId)
    {
        var b = await c.QuerySingleOrDefaultAsync<(string? Title, long Interested, long Booked, long OnSchedule)>("""
            SELECT b.title, (SELECT COUNT(*) FROM bof_interest i WHERE i.bof_id = b.id), CASE WHEN b.slot_id IS NULL THEN 0 ELSE 1 END, CASE WHEN b.session_id IS NULL THEN 0 ELSE 1 END
            FROM bofs b WHERE b.id = @bofId AND b.event_id = @eventId AND b.is_cancelled = FALSE
            """, new { eventId, bofId }, tx);
        return (b.Title, (int)b.Interested, b.Booked > 0, b.OnSchedule > 0);
    }
}
