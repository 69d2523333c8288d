using System.Data;
using Dapper;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Tickets on deleting an account. A live ticket for an event still to come (or one being handed on) must be
/// cancelled or passed on first: deleting would silently give up a place someone on the waiting list could have.
/// Past and cancelled tickets stay in the event's records (counts, check-ins, transfer history) but point to the
/// placeholder <see cref="DeletedAccount"/>, with the badge name and answers wiped.
/// </summary>
public sealed class TicketAccountRemovalStep : IAccountRemovalStep
{
    public async Task<string?> RefuseAsync(IDbConnection c, IDbTransaction tx, long userId, DateTimeOffset now)
    {
        var events = (await c.QueryAsync<string>("""
            SELECT DISTINCT e.name FROM events e
            WHERE e.ends_on >= @today AND (
                EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = e.id AND t.holder_user_id = @userId AND t.status IN ('pending', 'valid'))
             OR EXISTS (SELECT 1 FROM ticket_transfers x WHERE x.event_id = e.id AND x.status IN ('open', 'chosen', 'awaiting_approval')
                          AND (x.from_user_id = @userId OR x.recipient_user_id = @userId)))
            ORDER BY e.name
            """, new { userId, today = now.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd") }, tx)).AsList();
        return events.Count == 0 ? null
            : $"You hold a ticket for {string.Join(", ", events)}. Cancel it or pass it on (My tickets) before deleting your account.";
    }

    public async Task<Action?> DetachAsync(IDbConnection c, IDbTransaction tx, long userId, Func<Task<long>> placeholder)
    {
        var referenced = await c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM ticket_orders WHERE buyer_user_id = @userId)
                OR EXISTS (SELECT 1 FROM tickets WHERE holder_user_id = @userId OR speaker_user_id = @userId)
                OR EXISTS (SELECT 1 FROM ticket_transfers WHERE from_user_id = @userId OR recipient_user_id = @userId)
                OR EXISTS (SELECT 1 FROM ticket_holder_changes WHERE from_user_id = @userId OR to_user_id = @userId)
            """, new { userId }, tx);
        if (!referenced) return null;
        var deleted = await placeholder();
        await c.ExecuteAsync("""
            UPDATE ticket_orders SET buyer_user_id = @deleted WHERE buyer_user_id = @userId;
            UPDATE tickets SET holder_user_id = @deleted, badge_name = @name, tshirt_size = '', dietary = '' WHERE holder_user_id = @userId;
            UPDATE tickets SET speaker_user_id = NULL WHERE speaker_user_id = @userId;
            UPDATE ticket_transfers SET from_user_id = @deleted WHERE from_user_id = @userId;
            UPDATE ticket_transfers SET recipient_user_id = @deleted, recipient_email = NULL, recipient_name = NULL,
                                        badge_name = NULL, tshirt_size = NULL, dietary = NULL WHERE recipient_user_id = @userId;
            UPDATE ticket_holder_changes SET from_user_id = @deleted WHERE from_user_id = @userId;
            UPDATE ticket_holder_changes SET to_user_id = @deleted WHERE to_user_id = @userId;
            """, new { userId, deleted, name = DeletedAccount.DisplayName }, tx);
        return null;
    }
}
