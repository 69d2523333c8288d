using EventPlanner.Web.Infrastructure.Paging;
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
/// Orders and tickets: registration against the quota, the waiting list, cancellation, and the
/// organisers' payment and approval decisions. The quota is a counter on the type, moved only inside
/// the BEGIN IMMEDIATE transaction that creates or frees the tickets (and capped by a CHECK); on PostgreSQL
/// each of these transactions first takes the event's lock (<see cref="TicketSql.LockEventAsync"/>).
/// </summary>
public sealed class RegistrationStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, WebhookOutbox webhooks)
{
    /// <summary>Sold out with <paramref name="joinWaitingList"/> false is a conflict; an unknown type is not found.</summary>
    public async Task<WriteResult<Registration>> RegisterAsync(long eventId, long userId, long typeId, IReadOnlyList<Attendee> attendees, bool joinWaitingList, Validator v, CancellationToken ct = default)
    {
        var batch = notices.Begin();
        var result = await db.WriteLockedAsync(eventId, async (c, tx) =>
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
            var issued = new List<IssuedTicket>();
            foreach (var a in attendees)
            {
                var secret = TicketSecrets.NewSecret();
                var ticketId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO tickets (event_id, ticket_type_id, order_id, holder_user_id, secret, status, uses_quota, badge_name, tshirt_size, dietary, created_at, updated_at)
                    VALUES (@eventId, @typeId, @orderId, @userId, @secret, @status, TRUE, @BadgeName, @TshirtSize, @Dietary, @now, @now)
                    RETURNING id
                    """, new { eventId, typeId, orderId, userId, secret, status = confirmed ? "valid" : "pending", a.BadgeName, a.TshirtSize, a.Dietary, now }, tx);
                issued.Add(new IssuedTicket { Id = ticketId, Secret = secret, BadgeName = a.BadgeName });
            }
            var buyer = await TicketSql.PersonAsync(c, tx, userId);
            if (confirmed)
            {
                foreach (var t in issued) await batch.AddAsync(c, tx, notices.TicketConfirmed(buyer, eventId, t.Id, type.Name, t.BadgeName, t.Secret));
                // Counts and the type only: who registered is the organiser's to share, not the webhook's.
                foreach (var t in issued) await PublishIssuedAsync(c, tx, eventId, t.Id, type.Id, type.Name, orderId, attendees.Count, "registration");
            }
            else
            {
                await batch.AddAsync(c, tx, notices.RegistrationPending(buyer, eventId, orderId, type.Name, WaitingFor(approval, payment)));
            }
            return WriteResult<Registration>.Ok(new Registration(confirmed ? RegistrationOutcomes.Registered : RegistrationOutcomes.Pending, orderId, null));
        }, ct);
        batch.Kick();
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

    private sealed record IssuedTicket
    {
        public long Id { get; init; }
        public string Secret { get; init; } = "";
        public string BadgeName { get; init; } = "";
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
        var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSelect} WHERE o.id = @orderId", new { orderId });
        if (order is null) return null;
        var tickets = (await c.QueryAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.order_id = @orderId ORDER BY t.id", new { orderId })).AsList();
        return (order, tickets);
    }

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
            $"{OrderSelect} WHERE o.event_id = @eventId {keyset} ORDER BY {Keyset.OrderBy(OrderListKeys)} LIMIT @limit", parameters)).AsList();
    }

    private string OrderSelect => $"""
        SELECT o.id, o.event_id, o.ticket_type_id, tt.name AS type_name, o.buyer_user_id, u.display_name AS buyer_name, u.email AS buyer_email,
               o.quantity, o.price_cents, o.currency, o.approval, o.payment, o.status, o.created_at,
               {Keyset.SortKey(OrderListKeys, db.Dialect)} AS sort_key
        FROM ticket_orders o JOIN ticket_types tt ON tt.id = o.ticket_type_id JOIN users u ON u.id = o.buyer_user_id
        """;

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
        var batch = notices.Begin();
        var done = await db.WriteAsync(async (c, tx) =>
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
        batch.Kick();
        return done;
    }

    /// <summary>Leaving the waiting list; an open offer passes to the next in line.</summary>
    public async Task<bool> LeaveWaitingListAsync(long userId, long waitingId, CancellationToken ct = default)
    {
        var batch = notices.Begin();
        var done = await db.WriteAsync(async (c, tx) =>
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
        batch.Kick();
        return done;
    }

    // ---- Organisers' decisions ----

    public Task<bool> MarkPaidAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default) =>
        DecideAsync(eventId, orderId, "UPDATE ticket_orders SET payment = 'paid', paid_marked_by = @organiserId, paid_at = @now WHERE id = @orderId AND payment = 'unpaid'", organiserId, "payment", ct);

    public Task<bool> ApproveAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default) =>
        DecideAsync(eventId, orderId, "UPDATE ticket_orders SET approval = 'approved', decided_by = @organiserId, decided_at = @now WHERE id = @orderId AND approval = 'pending'", organiserId, "approval", ct);

    private async Task<bool> DecideAsync(long eventId, long orderId, string sql, long organiserId, string confirmation, CancellationToken ct)
    {
        var batch = notices.Begin();
        var published = false;
        var done = await db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSelect} WHERE o.id = @orderId AND o.event_id = @eventId AND o.status = 'pending'", new { orderId, eventId }, tx);
            if (order is null) return false;
            if (await c.ExecuteAsync(sql, new { orderId, organiserId, now }, tx) == 0) return false;
            var ready = await c.ExecuteAsync("""
                UPDATE ticket_orders SET status = 'confirmed' WHERE id = @orderId AND approval IN ('none', 'approved') AND payment IN ('free', 'paid')
                """, new { orderId }, tx) == 1;
            if (ready)
            {
                var confirmed = (await c.QueryAsync<IssuedTicket>("""
                    UPDATE tickets SET status = 'valid', updated_at = @now WHERE order_id = @orderId AND status = 'pending' RETURNING id, secret, badge_name
                    """, new { orderId, now }, tx)).AsList();
                var buyer = await TicketSql.PersonAsync(c, tx, order.BuyerUserId);
                foreach (var t in confirmed.OrderBy(t => t.Id))
                {
                    await batch.AddAsync(c, tx, notices.TicketConfirmed(buyer, eventId, t.Id, order.TypeName, t.BadgeName, t.Secret));
                    await PublishIssuedAsync(c, tx, eventId, t.Id, order.TicketTypeId, order.TypeName, orderId, order.Quantity, confirmation);
                }
                published = confirmed.Count > 0;
            }
            return true;
        }, ct);
        batch.Kick();
        if (published) webhooks.Kick();
        return done;
    }

    // Counts and the type only: who registered is the organiser's to share, not the webhook's. A ticket becomes valid
    // once, at registration or at the decision that confirms its order, so each is published once.
    private Task<int> PublishIssuedAsync(IDbConnection c, IDbTransaction tx, long eventId, long ticketId, long typeId, string typeName,
        long orderId, int quantity, string confirmation) =>
        webhooks.PublishAsync(c, tx, eventId, WebhookEventTypes.TicketIssued, new
        {
            ticket = new { id = ticketId, status = "valid", type = new { id = typeId, name = typeName } },
            order = new { id = orderId, quantity },
            confirmation,
        });

    /// <summary>The organisers turn a pending order down: its tickets are cancelled and the places freed.</summary>
    public async Task<bool> RefuseAsync(long eventId, long orderId, long organiserId, CancellationToken ct = default)
    {
        var batch = notices.Begin();
        var done = await db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var order = await c.QuerySingleOrDefaultAsync<OrderRow>($"{OrderSelect} WHERE o.id = @orderId AND o.event_id = @eventId AND o.status = 'pending'", new { orderId, eventId }, tx);
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
        batch.Kick();
        return done;
    }

    // ---- Speaker tickets (called by the review feature when a talk is accepted and confirmed, or withdrawn) ----

    /// <summary>
    /// Gives an accepted and confirmed speaker a complimentary ticket of the event's speaker type, outside
    /// the quota. Idempotent; one ticket per speaker however many talks. Null when the event has no speaker type.
    /// </summary>
    public async Task<TicketRow?> IssueSpeakerTicketAsync(long eventId, long userId, long proposalId, CancellationToken ct = default)
    {
        var batch = notices.Begin();
        var ticket = await db.WriteAsync(async (c, tx) =>
            await IssueSpeakerTicketInAsync(c, tx, batch, eventId, userId, proposalId) is { } id ? await TicketSql.TicketAsync(c, tx, id) : null, ct);
        batch.Kick();
        return ticket;
    }

    /// <summary>
    /// <see cref="IssueSpeakerTicketAsync"/> inside the caller's transaction (the review feature's confirmation), the
    /// ticket mail going into the caller's batch, kicked after its commit. Returns the ticket's id, or null.
    /// </summary>
    public async Task<long?> IssueSpeakerTicketInAsync(IDbConnection c, IDbTransaction tx, OutboxBatch batch, long eventId, long userId, long proposalId)
    {
        await TicketSql.LockEventAsync(c, tx, eventId); // one speaker ticket per speaker, even when two acceptances race
        var now = clock.GetUtcNow();
        var type = await c.QuerySingleOrDefaultAsync<TicketTypeRow>($"SELECT {TicketSql.TypeColumns} WHERE tt.event_id = @eventId AND tt.is_speaker_type = TRUE", new { eventId }, tx);
        if (type is null) return null;
        var ticketId = await c.ExecuteScalarAsync<long?>(
            "SELECT id FROM tickets WHERE event_id = @eventId AND speaker_user_id = @userId AND status = 'valid'", new { eventId, userId }, tx);
        if (ticketId is null)
        {
            var speaker = await TicketSql.PersonAsync(c, tx, userId);
            var secret = TicketSecrets.NewSecret();
            ticketId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO tickets (event_id, ticket_type_id, holder_user_id, secret, status, uses_quota, speaker_user_id, badge_name, created_at, updated_at)
                VALUES (@eventId, @Id, @userId, @secret, 'valid', FALSE, @userId, @Name, @now, @now) RETURNING id
                """, new { eventId, type.Id, userId, secret, speaker.Name, now }, tx);
            await batch.AddAsync(c, tx, notices.TicketConfirmed(speaker, eventId, ticketId.Value, type.Name, speaker.Name, secret));
        }
        await c.ExecuteAsync("INSERT INTO speaker_ticket_grants (ticket_id, proposal_id, granted_at) VALUES (@ticketId, @proposalId, @now) ON CONFLICT DO NOTHING",
            new { ticketId, proposalId, now }, tx);
        return ticketId;
    }

    /// <summary>A withdrawn talk no longer earns the ticket; it is revoked when no other accepted talk does.</summary>
    public Task<bool> RevokeSpeakerTicketAsync(long eventId, long userId, long proposalId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => RevokeSpeakerTicketInAsync(c, tx, eventId, userId, proposalId), ct);

    /// <summary><see cref="RevokeSpeakerTicketAsync"/> inside the caller's transaction.</summary>
    public async Task<bool> RevokeSpeakerTicketInAsync(IDbConnection c, IDbTransaction tx, long eventId, long userId, long proposalId)
    {
        await TicketSql.LockEventAsync(c, tx, eventId);
        var ticketId = await c.ExecuteScalarAsync<long?>(
            "SELECT id FROM tickets WHERE event_id = @eventId AND speaker_user_id = @userId AND status = 'valid'", new { eventId, userId }, tx);
        if (ticketId is null) return false;
        await c.ExecuteAsync("DELETE FROM speaker_ticket_grants WHERE ticket_id = @ticketId AND proposal_id = @proposalId", new { ticketId, proposalId }, tx);
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM speaker_ticket_grants WHERE ticket_id = @ticketId)", new { ticketId }, tx)) return false;
        await c.ExecuteAsync("UPDATE tickets SET status = 'revoked', updated_at = @now WHERE id = @ticketId", new { ticketId, now = clock.GetUtcNow() }, tx);
        return true;
    }

    // ---- Housekeeping ----

    /// <summary>
    /// Lapses waiting-list and transfer offers that are past their time, so places pass on without anyone
    /// touching them; run by <see cref="TicketExpiryJob"/> (reads and writes also do it lazily). Returns how
    /// many notifications it queued.
    /// </summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var batch = notices.Begin();
        // One transaction per event with something due, each under that event's lock, so a lapse never races a
        // registration or a transfer of the same event on PostgreSQL.
        IReadOnlyList<long> due;
        await using (var c = await db.OpenAsync(ct))
        {
            due = (await c.QueryAsync<long>("""
                SELECT event_id FROM waiting_list WHERE status = 'offered' AND offer_expires_at <= @now
                UNION SELECT event_id FROM ticket_transfers WHERE status IN ('open', 'chosen') AND expires_at <= @now
                ORDER BY 1
                """, new { now })).AsList();
        }
        foreach (var eventId in due)
        {
            await db.WriteLockedAsync(eventId, async (c, tx) =>
            {
                await TicketSql.ExpireWaitingOffersAsync(c, tx, now, null, settings, notices, batch, eventId);
                await TicketSql.ExpireTransfersAsync(c, tx, now, null, notices, batch, eventId);
            }, ct);
        }
        batch.Kick();
        return batch.Queued;
    }
}
