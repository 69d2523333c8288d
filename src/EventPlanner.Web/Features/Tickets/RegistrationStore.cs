using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

public static class RegistrationOutcomes
{
    public const string Registered = "registered";
    public const string Pending = "pending";
    public const string Waitlisted = "waitlisted";
    public const string SoldOut = "sold_out";
}

/// <summary>A registration that went through: an order (registered or pending), or a place on the waiting list.</summary>
public sealed record Registration(string Outcome, long? OrderId, long? WaitingId);

/// <summary>
/// An attendee's orders and tickets: registration against the quota or onto the waiting list, what they hold and wait
/// for, giving a ticket back and leaving the waiting list. The quota is a counter on the type, moved only inside the
/// transaction that creates or frees the tickets (and capped by a CHECK); on PostgreSQL each of these transactions
/// first takes the event's lock (<see cref="TicketSql.LockEventAsync"/>). The organisers' decisions on pending orders
/// are in <see cref="OrderDecisionStore"/>, speaker tickets in <see cref="SpeakerTicketStore"/>.
/// </summary>
public sealed class RegistrationStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, Outbox outbox, WebhookOutbox webhooks)
{
    /// <summary>Sold out with <paramref name="joinWaitingList"/> false is a conflict; an unknown type is not found.</summary>
    public async Task<WriteResult<Registration>> RegisterAsync(long eventId, long userId, long typeId, IReadOnlyList<Attendee> attendees, bool joinWaitingList, Validator v, CancellationToken ct = default)
    {
        var result = await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var type = await c.QuerySingleOrDefaultAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.id = @typeId AND tt.event_id = @eventId",
                new { typeId, eventId }, tx);
            if (type is null) return WriteResult<Registration>.NotFound;
            if (TicketRules.SaleRefusal(type, now) is { } refusal) { v.Add("ticketTypeId", refusal); return WriteResult<Registration>.Invalid(v); }
            if (attendees.Count > type.PerOrderLimit) { v.Add("attendees", $"At most {type.PerOrderLimit} ticket{(type.PerOrderLimit == 1 ? "" : "s")} per order."); return WriteResult<Registration>.Invalid(v); }

            await TicketSql.ExpireWaitingOffersAsync(c, tx, now, typeId, settings, notices, batch);
            var offer = await c.ExecuteScalarAsync<long?>(
                "SELECT id FROM waiting_list WHERE ticket_type_id = @typeId AND user_id = @userId AND status = 'offered'", new { typeId, userId }, tx);
            if (offer is { } offerId)
            {
                if (attendees.Count > 1) { v.Add("attendees", "Your waiting-list offer holds one ticket; register one attendee."); return WriteResult<Registration>.Invalid(v); }
                // The offer already holds its place in the quota.
                await c.ExecuteAsync("UPDATE waiting_list SET status = 'claimed', closed_at = @now WHERE id = @offerId", new { offerId, now }, tx);
            }
            else
            {
                // Nobody jumps the queue: while anyone waits, every free place has already been offered to them.
                var took = await c.ExecuteAsync("""
                    UPDATE ticket_types SET taken = taken + @n
                    WHERE id = @typeId AND taken + @n <= quota
                      AND NOT EXISTS (SELECT 1 FROM waiting_list WHERE ticket_type_id = @typeId AND status = 'waiting')
                    """, new { typeId, n = attendees.Count }, tx);
                if (took == 0) return await JoinWaitingListAsync(c, tx, type, userId, joinWaitingList, now);
            }

            var approval = type.RequiresApproval ? "pending" : "none";
            var payment = type.IsFree ? "free" : "unpaid";
            var confirmed = approval == "none" && payment == "free";
            var orderId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO ticket_orders (event_id, ticket_type_id, buyer_user_id, quantity, price_cents, currency, approval, payment, status, created_at)
                VALUES (@eventId, @typeId, @userId, @n, @PriceCents, @Currency, @approval, @payment, @status, @now) RETURNING id
                """, new { eventId, typeId, userId, n = attendees.Count, type.PriceCents, type.Currency, approval, payment, status = confirmed ? "confirmed" : "pending", now }, tx);
            var issued = new List<OrderSql.IssuedTicket>();
            foreach (var a in attendees)
            {
                var secret = TicketSecrets.NewSecret();
                var ticketId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO tickets (event_id, ticket_type_id, order_id, holder_user_id, secret, status, uses_quota, badge_name, tshirt_size, dietary, created_at, updated_at)
                    VALUES (@eventId, @typeId, @orderId, @userId, @secret, @status, TRUE, @BadgeName, @TshirtSize, @Dietary, @now, @now)
                    RETURNING id
                    """, new { eventId, typeId, orderId, userId, secret, status = confirmed ? "valid" : "pending", a.BadgeName, a.TshirtSize, a.Dietary, now }, tx);
                issued.Add(new OrderSql.IssuedTicket { Id = ticketId, Secret = secret, BadgeName = a.BadgeName });
            }
            var buyer = await TicketSql.PersonAsync(c, tx, userId);
            if (confirmed)
            {
                foreach (var t in issued) await batch.AddAsync(c, tx, notices.TicketConfirmed(buyer, eventId, t.Id, type.Name, t.BadgeName, t.Secret));
                // Counts and the type only: who registered is the organiser's to share, not the webhook's.
                foreach (var t in issued) await OrderSql.PublishIssuedAsync(webhooks, c, tx, eventId, t.Id, type.Id, type.Name, orderId, attendees.Count, "registration");
            }
            else
            {
                await batch.AddAsync(c, tx, notices.RegistrationPending(buyer, eventId, orderId, type.Name, WaitingFor(approval, payment)));
            }
            return WriteResult<Registration>.Ok(new Registration(confirmed ? RegistrationOutcomes.Registered : RegistrationOutcomes.Pending, orderId, null));
        }, ct);
        if (result.Value?.Outcome == RegistrationOutcomes.Registered) webhooks.Kick();
        return result;
    }

    private static async Task<WriteResult<Registration>> JoinWaitingListAsync(IDbConnection c, IDbTransaction tx, TicketTypeRow type, long userId, bool join, DateTimeOffset now)
    {
        var existing = await c.ExecuteScalarAsync<long?>(
            "SELECT id FROM waiting_list WHERE ticket_type_id = @Id AND user_id = @userId AND status IN ('waiting', 'offered')", new { type.Id, userId }, tx);
        if (existing is not null) return WriteResult<Registration>.Ok(new Registration(RegistrationOutcomes.Waitlisted, null, existing));
        if (!join)
        {
            // The outcome stays in the answer (as it was before problem details) for clients that read it.
            return WriteResult<Registration>.Conflict("Sold out", $"{type.Name} is sold out, and you asked not to join its waiting list.",
                extensions: new Dictionary<string, object?> { ["outcome"] = RegistrationOutcomes.SoldOut, ["order"] = null, ["waitingList"] = null });
        }
        var id = await c.ExecuteScalarAsync<long>("""
            INSERT INTO waiting_list (event_id, ticket_type_id, user_id, status, created_at) VALUES (@EventId, @Id, @userId, 'waiting', @now) RETURNING id
            """, new { type.EventId, type.Id, userId, now }, tx);
        return WriteResult<Registration>.Ok(new Registration(RegistrationOutcomes.Waitlisted, null, id));
    }

    private static string WaitingFor(string approval, string payment) => (approval, payment) switch
    {
        ("pending", "unpaid") => "the organisers' approval and your payment",
        ("pending", _) => "the organisers' approval",
        _ => "your payment (the organisers will mark it paid)",
    };

    // ---- Reading ----

    public async Task<IReadOnlyList<TicketRow>> ListHeldAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // Tickets for events still to come first (soonest first), then those of events that are over (latest first):
        // at the door the ticket wanted is at the top. "Over" in the event's own zone, as the home page judges it.
        var now = clock.GetUtcNow();
        var rows = (await c.QueryAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.holder_user_id = @userId ORDER BY e.starts_on, t.id", new { userId })).AsList();
        bool Over(TicketRow t) => EventCalendar.IsOver(t.EventEndsOn, t.EventTimeZone, now);
        return rows.Where(t => !Over(t)).Concat(rows.Where(Over).Reverse()).ToList();
    }

    /// <summary>A ticket of this holder; another user's ticket is simply not found.</summary>
    public async Task<TicketRow?> FindHeldAsync(long userId, long ticketId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var t = await TicketSql.TicketAsync(c, null, ticketId);
        return t?.HolderUserId == userId ? t : null;
    }

    public async Task<TicketRow?> FindBySecretAsync(string secret, CancellationToken ct = default)
    {
        if (!TicketSecrets.LooksLikeSecret(secret)) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.secret = @secret", new { secret });
    }

    public async Task<(OrderRow Order, IReadOnlyList<TicketRow> Tickets)?> FindOrderAsync(long orderId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSql.Select(db.Dialect)} WHERE o.id = @orderId", new { orderId });
        if (order is null) return null;
        var tickets = (await c.QueryAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.order_id = @orderId ORDER BY t.id", new { orderId })).AsList();
        return (order, tickets);
    }

    public async Task<IReadOnlyList<WaitingRow>> ListWaitingAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<WaitingRow>("""
            SELECT w.id, w.event_id, e.slug AS event_slug, w.ticket_type_id, tt.name AS type_name, w.user_id, w.status, w.created_at, w.offer_expires_at,
                   (SELECT COUNT(*) FROM waiting_list o WHERE o.ticket_type_id = w.ticket_type_id AND o.status = 'waiting' AND o.id <= w.id) AS position
            FROM waiting_list w JOIN ticket_types tt ON tt.id = w.ticket_type_id JOIN events e ON e.id = w.event_id
            WHERE w.user_id = @userId AND (w.status = 'waiting' OR (w.status = 'offered' AND w.offer_expires_at > @now))
            ORDER BY w.id
            """, new { userId, now = clock.GetUtcNow() })).AsList();
    }

    // ---- Holder's changes ----

    /// <summary>The holder gives the ticket back before the cancellation deadline; its place goes to the waiting list or the quota.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run inside the transaction before anything is written; false cancels nothing.</summary>
    public async Task<bool> CancelAsync(long userId, long ticketId, Validator v, CancellationToken ct = default,
        Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null)
    {
        var done = await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            if (!await TicketSql.LockEventOfAsync(c, tx, "tickets", ticketId)) return false;
            var now = clock.GetUtcNow();
            var t = await TicketSql.TicketAsync(c, tx, ticketId);
            if (t is null || t.HolderUserId != userId) return false;
            if (TicketRules.CancelRefusal(t, now) is { } refusal) { v.Add("ticket", refusal); return false; }
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return false;
            var live = await c.QueryAsync<long>("""
                UPDATE ticket_transfers SET status = 'cancelled', closed_at = @now WHERE ticket_id = @ticketId AND status IN ('open', 'chosen', 'awaiting_approval')
                RETURNING id
                """, new { ticketId, now }, tx);
            foreach (var id in live.AsList()) await TicketSql.TellClosedAsync(c, tx, id, "cancelled, as the ticket was given back", notices, batch);
            await c.ExecuteAsync("UPDATE tickets SET status = 'cancelled', updated_at = @now WHERE id = @ticketId", new { ticketId, now }, tx);
            if (t.UsesQuota) await TicketSql.FreePlaceAsync(c, tx, t.TicketTypeId, now, settings, notices, batch);
            return true;
        }, ct);
        return done;
    }

    /// <summary>Leaving the waiting list; an open offer passes to the next in line.</summary>
    public async Task<bool> LeaveWaitingListAsync(long userId, long waitingId, CancellationToken ct = default)
    {
        var done = await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            if (!await TicketSql.LockEventOfAsync(c, tx, "waiting_list", waitingId)) return false;
            var now = clock.GetUtcNow();
            var left = await c.QuerySingleOrDefaultAsync<WaitingRow>("""
                UPDATE waiting_list SET status = 'left', closed_at = @now WHERE id = @waitingId AND user_id = @userId AND status IN ('waiting', 'offered')
                RETURNING id, ticket_type_id, (CASE WHEN offer_expires_at IS NULL THEN 'waiting' ELSE 'offered' END) AS status
                """, new { waitingId, userId, now }, tx);
            if (left is null) return false;
            if (left.Status == "offered") await TicketSql.FreePlaceAsync(c, tx, left.TicketTypeId, now, settings, notices, batch);
            return true;
        }, ct);
        return done;
    }
}
