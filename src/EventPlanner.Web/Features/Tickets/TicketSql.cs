using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Dapper;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>SQL shared by the ticket stores, run inside their transactions.</summary>
internal static class TicketSql
{
    public const string TicketColumns = """
        t.id, t.event_id, e.slug AS event_slug, e.name AS event_name, e.starts_on AS event_starts_on, e.ends_on AS event_ends_on, e.time_zone AS event_time_zone,
        t.ticket_type_id, tt.name AS type_name, tt.transferability, tt.transfer_deadline_days, tt.cancel_deadline_days,
        t.order_id, t.holder_user_id, u.display_name AS holder_name, u.email AS holder_email, t.secret, t.status, t.uses_quota,
        t.speaker_user_id, t.badge_name, t.tshirt_size, t.dietary, t.checked_in_at, t.created_at
        FROM tickets t JOIN events e ON e.id = t.event_id JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN users u ON u.id = t.holder_user_id
        """;

    public const string TypeColumns = """
        tt.id, tt.event_id, tt.name, tt.description, tt.price_cents, tt.currency, tt.quota, tt.taken, tt.sale_starts_at, tt.sale_ends_at,
        tt.per_order_limit, tt.requires_approval, tt.transferability, tt.transfer_deadline_days, tt.cancel_deadline_days,
        tt.is_speaker_type, tt.sort_order,
        (SELECT COUNT(*) FROM waiting_list w WHERE w.ticket_type_id = tt.id AND w.status = 'waiting') AS waiting
        FROM ticket_types tt
        """;

    public const string TransferColumns = """
        x.id, x.event_id, e.slug AS event_slug, e.name AS event_name, e.time_zone AS event_time_zone, x.ticket_id, tt.name AS type_name, x.from_user_id,
        f.display_name AS from_name, x.kind, x.status, x.token, x.recipient_email, x.recipient_name, x.recipient_user_id,
        x.note, x.auto_first, x.expires_at, x.created_at,
        (SELECT COUNT(*) FROM ticket_transfer_requests r WHERE r.transfer_id = x.id AND r.status IN ('pending', 'chosen')) AS requests
        FROM ticket_transfers x JOIN events e ON e.id = x.event_id JOIN tickets t ON t.id = x.ticket_id
        JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN users f ON f.id = x.from_user_id
        """;

    /// <summary>
    /// Makes the rest of the transaction the only ticket writer of the event: quota, waiting-list order, one live
    /// offer and one holder per ticket are all read-then-write checks, safe under SQLite's BEGIN IMMEDIATE and, on
    /// PostgreSQL's READ COMMITTED, only behind this per-event lock (taken before the first read it protects).
    /// </summary>
    public static Task LockEventAsync(IDbConnection c, IDbTransaction tx, long eventId) => SqlDialect.Of(c).LockEventAsync(c, tx, eventId);

    /// <summary>Locks the event of a row of <paramref name="table"/> (an event never changes); false when there is no such row.</summary>
    public static async Task<bool> LockEventOfAsync(IDbConnection c, IDbTransaction tx, string table, long id)
    {
        var eventId = await c.ExecuteScalarAsync<long?>($"SELECT event_id FROM {table} WHERE id = @id", new { id }, tx);
        if (eventId is { } e) await LockEventAsync(c, tx, e);
        return eventId is not null;
    }

    public static Task<Person> PersonAsync(IDbConnection c, IDbTransaction tx, long userId) =>
        c.QuerySingleAsync<Person>("SELECT id, email, display_name AS name FROM users WHERE id = @userId", new { userId }, tx);

    public static Task<TicketRow?> TicketAsync(IDbConnection c, IDbTransaction? tx, long ticketId) =>
        c.QuerySingleOrDefaultAsync<TicketRow>($"SELECT {TicketColumns} WHERE t.id = @ticketId", new { ticketId }, tx);

    public static Task<TransferRow?> TransferAsync(IDbConnection c, IDbTransaction? tx, long transferId) =>
        c.QuerySingleOrDefaultAsync<TransferRow>($"SELECT {TransferColumns} WHERE x.id = @transferId", new { transferId }, tx);

    /// <summary>
    /// A place came free (cancellation, refusal, lapsed offer): it goes to the first on the waiting list
    /// as an offer that keeps the place, or back to the quota when nobody waits.
    /// </summary>
    public static async Task FreePlaceAsync(IDbConnection c, IDbTransaction tx, long typeId, DateTimeOffset now, TicketSettings settings, TicketNotices notices, OutboxBatch batch)
    {
        if (!await OfferNextAsync(c, tx, typeId, now, settings, notices, batch))
        {
            await c.ExecuteAsync("UPDATE ticket_types SET taken = taken - 1 WHERE id = @typeId", new { typeId }, tx);
        }
    }

    /// <summary>After a quota rise: offer every new place to the waiting list, in order.</summary>
    public static async Task OfferFreePlacesAsync(IDbConnection c, IDbTransaction tx, long typeId, DateTimeOffset now, TicketSettings settings, TicketNotices notices, OutboxBatch batch)
    {
        while (await c.ExecuteScalarAsync<bool>("SELECT taken < quota FROM ticket_types WHERE id = @typeId", new { typeId }, tx))
        {
            if (!await OfferNextAsync(c, tx, typeId, now, settings, notices, batch)) return;
            await c.ExecuteAsync("UPDATE ticket_types SET taken = taken + 1 WHERE id = @typeId", new { typeId }, tx);
        }
    }

    private static async Task<bool> OfferNextAsync(IDbConnection c, IDbTransaction tx, long typeId, DateTimeOffset now, TicketSettings settings, TicketNotices notices, OutboxBatch batch)
    {
        var expires = now + settings.WaitingListOfferLifetime;
        var offered = await c.QuerySingleOrDefaultAsync<OfferedRow>("""
            UPDATE waiting_list SET status = 'offered', offered_at = @now, offer_expires_at = @expires
            WHERE id = (SELECT id FROM waiting_list WHERE ticket_type_id = @typeId AND status = 'waiting' ORDER BY id LIMIT 1)
            RETURNING id, user_id
            """, new { typeId, now, expires }, tx);
        if (offered is null) return false;
        var info = await c.QuerySingleAsync<TypeInfo>("""
            SELECT e.id AS event_id, e.slug, e.time_zone, tt.name AS type_name FROM ticket_types tt JOIN events e ON e.id = tt.event_id WHERE tt.id = @typeId
            """, new { typeId }, tx);
        var person = await PersonAsync(c, tx, offered.UserId);
        await batch.AddAsync(c, tx, notices.WaitingListOffer(person, info.EventId, offered.Id, info.Slug, info.TypeName, expires, info.TimeZone));
        return true;
    }

    internal sealed record OfferedRow
    {
        public long Id { get; init; }
        public long UserId { get; init; }
    }

    internal sealed record TypeInfo
    {
        public long EventId { get; init; }
        public string Slug { get; init; } = "";
        public string TimeZone { get; init; } = "UTC";
        public string TypeName { get; init; } = "";
    }

    /// <summary>Waiting-list offers past their time lapse, and their places pass to the next in line.</summary>
    public static async Task ExpireWaitingOffersAsync(IDbConnection c, IDbTransaction tx, DateTimeOffset now, long? typeId, TicketSettings settings, TicketNotices notices, OutboxBatch batch,
        long? eventId = null)
    {
        var lapsed = (await c.QueryAsync<long>("""
            UPDATE waiting_list SET status = 'expired', closed_at = @now
            WHERE status = 'offered' AND offer_expires_at <= @now AND (@typeId IS NULL OR ticket_type_id = @typeId)
              AND (@eventId IS NULL OR event_id = @eventId)
            RETURNING ticket_type_id
            """, new { now, typeId, eventId }, tx)).AsList();
        foreach (var type in lapsed) await FreePlaceAsync(c, tx, type, now, settings, notices, batch);
    }

    /// <summary>Transfer offers past their time lapse; both sides are told. The ticket never moved, so nothing else changes.</summary>
    public static async Task ExpireTransfersAsync(IDbConnection c, IDbTransaction tx, DateTimeOffset now, long? ticketId, TicketNotices notices, OutboxBatch batch,
        long? eventId = null)
    {
        var lapsed = (await c.QueryAsync<long>("""
            UPDATE ticket_transfers SET status = 'expired', closed_at = @now
            WHERE status IN ('open', 'chosen') AND expires_at <= @now AND (@ticketId IS NULL OR ticket_id = @ticketId)
              AND (@eventId IS NULL OR event_id = @eventId)
            RETURNING id
            """, new { now, ticketId, eventId }, tx)).AsList();
        foreach (var id in lapsed) await TellClosedAsync(c, tx, id, "not accepted in time", notices, batch);
    }

    /// <summary>Tells the holder, the named recipient and any requesters that a transfer ended without a change of holder.</summary>
    public static async Task TellClosedAsync(IDbConnection c, IDbTransaction tx, long transferId, string why, TicketNotices notices, OutboxBatch batch)
    {
        var x = (await TransferAsync(c, tx, transferId))!;
        var holder = await PersonAsync(c, tx, x.FromUserId);
        await batch.AddAsync(c, tx, notices.TransferClosed(holder, x, why));
        if (x.Kind == "direct" && x.RecipientEmail is not null)
        {
            await batch.AddAsync(c, tx, notices.TransferClosed(x.RecipientEmail, x.RecipientName ?? x.RecipientEmail, x, why));
        }
        var requesters = (await c.QueryAsync<long>("""
            UPDATE ticket_transfer_requests SET status = 'gone' WHERE transfer_id = @transferId AND status IN ('pending', 'chosen')
            RETURNING requester_user_id
            """, new { transferId }, tx)).AsList();
        foreach (var r in requesters) await batch.AddAsync(c, tx, notices.OfferGone(await PersonAsync(c, tx, r), x));
    }
}
