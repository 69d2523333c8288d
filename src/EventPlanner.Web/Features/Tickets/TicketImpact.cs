using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Tickets' part of what a destructive action touches (the confirmation step): read on the caller's connection, inside
/// its transaction when the confirming post recounts before it writes.
/// </summary>
public static class TicketImpact
{
    /// <summary>A check-in volunteer: their name, the check-ins they recorded (not undone), and how many other volunteers remain.</summary>
    public static async Task<(string? Name, int CheckIns, int OtherStaff)> CheckInStaffAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId)
    {
        var s = await c.QuerySingleOrDefaultAsync<(string? Name, long CheckIns, long Others)>("""
            SELECT u.display_name,
              (SELECT COUNT(*) FROM ticket_checkins k WHERE k.event_id = @eventId AND k.checked_in_by = @userId AND k.undone_at IS NULL),
              (SELECT COUNT(*) FROM event_checkin_staff o WHERE o.event_id = @eventId AND o.user_id <> @userId)
            FROM event_checkin_staff s JOIN users u ON u.id = s.user_id WHERE s.event_id = @eventId AND s.user_id = @userId
            """, new { eventId, userId }, tx);
        return (s.Name, (int)s.CheckIns, (int)s.Others);
    }

    public static async Task<int> ValidSpeakerTicketsAsync(IDbConnection c, IDbTransaction? tx, long proposalId) =>
        (int)await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM speaker_ticket_grants g JOIN tickets t ON t.id = g.ticket_id WHERE g.proposal_id = @proposalId AND t.status = 'valid'
            """, new { proposalId }, tx);

    /// <summary>A live ticket of this holder: its type, whether it takes a place in the quota, open transfer offers, and who waits for its type.</summary>
    public static async Task<(string? Type, bool UsesQuota, int Offers, int Waiting)> HeldTicketAsync(IDbConnection c, IDbTransaction? tx, long ticketId, long holderId)
    {
        var t = await c.QuerySingleOrDefaultAsync<(string? Type, long UsesQuota, long Offers, long Waiting)>("""
            SELECT tt.name, t.uses_quota,
              (SELECT COUNT(*) FROM ticket_transfers x WHERE x.ticket_id = t.id AND x.status IN ('open', 'chosen', 'awaiting_approval')),
              (SELECT COUNT(*) FROM waiting_list w WHERE w.ticket_type_id = t.ticket_type_id AND w.status = 'waiting')
            FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id
            WHERE t.id = @ticketId AND t.holder_user_id = @holderId AND t.status IN ('pending', 'valid')
            """, new { ticketId, holderId }, tx);
        return (t.Type, t.UsesQuota > 0, (int)t.Offers, (int)t.Waiting);
    }
}
