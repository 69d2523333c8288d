using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Paging;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The organisers' side of orders: the order list (pending first) and their decisions on a pending order: marking it
/// paid, approving or refusing it. Each decision is one event-locked transaction; an order whose approval and payment
/// are both settled is confirmed there, its tickets become valid and are published once.
/// </summary>
public sealed class OrderDecisionStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, Outbox outbox, WebhookOutbox webhooks)
{
    /// <summary>The order of the organisers' order list: pending first, then newest first.</summary>
    /// (An integer, not a boolean, for "pending": a cursor carries numbers and text only, on either engine.)
    public static readonly SortColumn[] OrderListKeys = [new(Pending, Pending, CursorValue.Integer, Desc: true), new("o.id", "o.id", CursorValue.Integer, Desc: true)];

    private const string Pending = "(CASE WHEN o.status = 'pending' THEN 1 ELSE 0 END)";

    /// <summary>The event's orders, all or (with limit) a page after a cursor of <see cref="OrderListKeys"/>.</summary>
    public async Task<IReadOnlyList<OrderRow>> ListOrdersAsync(long eventId, int? limit = null, object?[]? after = null, CancellationToken ct = default)
    {
        var parameters = new DynamicParameters(new { eventId, limit = limit ?? int.MaxValue }); // PostgreSQL has no LIMIT -1
        var keyset = Keyset.After(OrderListKeys, after, parameters);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<OrderRow>(
            $"{OrderSql.Select(db.Dialect)} WHERE o.event_id = @eventId {keyset} ORDER BY {Keyset.OrderBy(OrderListKeys)} LIMIT @limit", parameters)).AsList();
    }

    // ---- Organisers' decisions ----

    public Task<bool> MarkPaidAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default) =>
        DecideAsync(eventId, orderId, "UPDATE ticket_orders SET payment = 'paid', paid_marked_by = @organiserId, paid_at = @now WHERE id = @orderId AND payment = 'unpaid'", organiserId, "payment", ct);

    public Task<bool> ApproveAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default) =>
        DecideAsync(eventId, orderId, "UPDATE ticket_orders SET approval = 'approved', decided_by = @organiserId, decided_at = @now WHERE id = @orderId AND approval = 'pending'", organiserId, "approval", ct);

    private async Task<bool> DecideAsync(long eventId, long orderId, string sql, long organiserId, string confirmation, CancellationToken ct)
    {
        var published = false;
        var done = await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSql.Select(db.Dialect)} WHERE o.id = @orderId AND o.event_id = @eventId AND o.status = 'pending'", new { orderId, eventId }, tx);
            if (order is null) return false;
            if (await c.ExecuteAsync(sql, new { orderId, organiserId, now }, tx) == 0) return false;
            var ready = await c.ExecuteAsync("""
                UPDATE ticket_orders SET status = 'confirmed' WHERE id = @orderId AND approval IN ('none', 'approved') AND payment IN ('free', 'paid')
                """, new { orderId }, tx) == 1;
            if (ready)
            {
                var confirmed = (await c.QueryAsync<OrderSql.IssuedTicket>("""
                    UPDATE tickets SET status = 'valid', updated_at = @now WHERE order_id = @orderId AND status = 'pending' RETURNING id, secret, badge_name
                    """, new { orderId, now }, tx)).AsList();
                var buyer = await TicketSql.PersonAsync(c, tx, order.BuyerUserId);
                foreach (var t in confirmed.OrderBy(t => t.Id))
                {
                    await batch.AddAsync(c, tx, notices.TicketConfirmed(buyer, eventId, t.Id, order.TypeName, t.BadgeName, t.Secret));
                    await OrderSql.PublishIssuedAsync(webhooks, c, tx, eventId, t.Id, order.TicketTypeId, order.TypeName, orderId, order.Quantity, confirmation);
                }
                published = confirmed.Count > 0;
            }
            return true;
        }, ct);
        if (published) webhooks.Kick();
        return done;
    }

    /// <summary>The organisers turn a pending order down: its tickets are cancelled and the places freed.</summary>
    public async Task<bool> RefuseAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default)
    {
        var done = await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSql.Select(db.Dialect)} WHERE o.id = @orderId AND o.event_id = @eventId AND o.status = 'pending'", new { orderId, eventId }, tx);
            if (order is null) return false;
            await c.ExecuteAsync("""
                UPDATE ticket_orders SET status = 'cancelled', approval = CASE approval WHEN 'pending' THEN 'refused' ELSE approval END,
                    decided_by = @organiserId, decided_at = @now WHERE id = @orderId
                """, new { orderId, organiserId, now }, tx);
            var freed = await c.ExecuteAsync("UPDATE tickets SET status = 'cancelled', updated_at = @now WHERE order_id = @orderId AND status IN ('pending', 'valid')",
                new { orderId, now }, tx);
            for (var i = 0; i < freed; i++) await TicketSql.FreePlaceAsync(c, tx, order.TicketTypeId, now, settings, notices, batch);
            var buyer = await TicketSql.PersonAsync(c, tx, order.BuyerUserId);
            await batch.AddAsync(c, tx, notices.RegistrationRefused(buyer, eventId, orderId, order.TypeName));
            return true;
        }, ct);
        return done;
    }
}
