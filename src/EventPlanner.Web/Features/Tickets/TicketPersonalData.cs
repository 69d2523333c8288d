using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Tickets, orders, transfers, the waiting list. Erasure: <see cref="TicketAccountRemovalStep"/> already points the
/// account's tickets at the placeholder account with the badge wiped; here, a transfer offered to the bare address
/// loses the address and the recipient's details. Retention: an expired event's tickets, orders, transfers and
/// check-ins stay (the counts per type and check-in totals read the same) but point at the placeholder account,
/// with badge names, sizes, dietary needs, notes and transfer addresses wiped.
/// </summary>
public sealed class TicketPersonalData(TimeProvider clock) : IPersonalDataContributor, IEventRetentionContributor
{
    public string Section => "tickets";

    public string Covers => "tickets, orders, transfers, the waiting list and check-ins";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["tickets"] = await RowsAsync(c, """
            SELECT t.id, e.slug AS event, tt.name AS ticket_type, t.status, t.badge_name, t.tshirt_size, t.dietary, t.checked_in_at, t.created_at, t.updated_at
            FROM tickets t JOIN events e ON e.id = t.event_id JOIN ticket_types tt ON tt.id = t.ticket_type_id
            WHERE t.holder_user_id = @UserId OR t.speaker_user_id = @UserId ORDER BY t.id
            """, who),
        ["orders"] = await RowsAsync(c, """
            SELECT o.id, e.slug AS event, o.quantity, o.price_cents, o.currency, o.approval, o.payment, o.status, o.created_at, o.paid_at
            FROM ticket_orders o JOIN events e ON e.id = o.event_id WHERE o.buyer_user_id = @UserId ORDER BY o.id
            """, who),
        ["transfers"] = await RowsAsync(c, """
            SELECT x.id, e.slug AS event, x.ticket_id, x.kind, x.status, (x.from_user_id = @UserId) AS from_you, x.recipient_email, x.recipient_name,
                   x.note, x.badge_name, x.tshirt_size, x.dietary, x.created_at, x.closed_at
            FROM ticket_transfers x JOIN events e ON e.id = x.event_id
            WHERE x.from_user_id = @UserId OR x.recipient_user_id = @UserId OR lower(x.recipient_email) = lower(@Email) ORDER BY x.id
            """, who),
        ["holder_changes"] = await RowsAsync(c, """
            SELECT h.ticket_id, h.reason, h.changed_at, (h.from_user_id = @UserId) AS from_you, (h.to_user_id = @UserId) AS to_you
            FROM ticket_holder_changes h WHERE h.from_user_id = @UserId OR h.to_user_id = @UserId ORDER BY h.id
            """, who),
        ["transfer_requests"] = await RowsAsync(c, "SELECT transfer_id, message, status, created_at FROM ticket_transfer_requests WHERE requester_user_id = @UserId", who),
        ["waiting_list"] = await RowsAsync(c, """
            SELECT e.slug AS event, tt.name AS ticket_type, w.status, w.created_at, w.closed_at FROM waiting_list w
            JOIN events e ON e.id = w.event_id JOIN ticket_types tt ON tt.id = w.ticket_type_id WHERE w.user_id = @UserId
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await c.ExecuteAsync("""
            UPDATE ticket_transfers SET recipient_email = NULL, recipient_name = NULL, badge_name = NULL, tshirt_size = NULL, dietary = NULL
            WHERE lower(recipient_email) = lower(@Email)
            """, who, tx);
        // Notes people wrote when handing a ticket on ("from Ana, enjoy!") may name them.
        await ScrubAsync(c, tx, "ticket_transfers", ["note"], who, FormerAttendee);
        await ScrubAsync(c, tx, "ticket_holder_changes", ["reason"], who, FormerAttendee);
        await ScrubAsync(c, tx, "ticket_transfer_requests", ["message"], who, FormerAttendee);
    }

    public const string FormerAttendee = "a former attendee";

    public async Task<int> AnonymiseEventAsync(IDbConnection c, IDbTransaction tx, long eventId, Func<Task<long>> placeholder)
    {
        var anyone = await c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM tickets WHERE event_id = @eventId) OR EXISTS (SELECT 1 FROM ticket_orders WHERE event_id = @eventId)
                OR EXISTS (SELECT 1 FROM waiting_list WHERE event_id = @eventId)
            """, new { eventId }, tx);
        if (!anyone) return 0;
        var deleted = await placeholder();
        return await c.ExecuteAsync("""
            UPDATE ticket_orders SET buyer_user_id = @deleted, decided_by = NULL, paid_marked_by = NULL WHERE event_id = @eventId;
            UPDATE tickets SET holder_user_id = @deleted, speaker_user_id = NULL, badge_name = '', tshirt_size = '', dietary = '', checked_in_by = NULL
            WHERE event_id = @eventId;
            UPDATE ticket_checkins SET checked_in_by = NULL, undone_by = NULL WHERE event_id = @eventId;
            UPDATE ticket_transfers SET from_user_id = @deleted, recipient_user_id = CASE WHEN recipient_user_id IS NULL THEN NULL ELSE @deleted END,
                                        recipient_email = NULL, recipient_name = NULL, note = '', badge_name = NULL, tshirt_size = NULL, dietary = NULL
            WHERE event_id = @eventId;
            DELETE FROM ticket_transfer_requests WHERE transfer_id IN (SELECT id FROM ticket_transfers WHERE event_id = @eventId);
            UPDATE ticket_holder_changes SET from_user_id = @deleted, to_user_id = @deleted, actor_user_id = NULL, approved_by = NULL, reason = ''
            WHERE event_id = @eventId;
            -- One live place in line per account and type: a line left open after the event is closed as it is anonymised.
            UPDATE waiting_list SET status = 'expired', closed_at = COALESCE(closed_at, @now) WHERE event_id = @eventId AND status IN ('waiting', 'offered');
            UPDATE waiting_list SET user_id = @deleted WHERE event_id = @eventId;
            """, new { eventId, deleted, now = clock.GetUtcNow() }, tx);
    }
}
