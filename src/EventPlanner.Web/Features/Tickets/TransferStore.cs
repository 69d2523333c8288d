using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

public static class AcceptOutcomes
{
    public const string Completed = "completed";
    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>A direct offer made to another address: only the account with that (confirmed) address may take it.</summary>
    public const string NotForYou = "not_for_you";
}

/// <summary>
/// Hand-overs with consent from both sides, as the holder and the recipient see them: direct offers to a named person
/// and offers to the event's community board (<see cref="TransferBoardStore"/> takes the requests), cancelling, and
/// accepting or declining by link. A change of holder happens only in <see cref="TransferHandOver.CompleteAsync"/>,
/// inside one transaction: the holder changes, the secret rotates and the change is recorded. Each step flips the
/// transfer's status with a guarded UPDATE, so of two racing steps exactly one wins.
/// </summary>
public sealed class TransferStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, Outbox outbox, WebhookOutbox webhooks)
{
    // ---- Offering ----

    public Task<TransferRow?> OfferDirectAsync(long userId, long ticketId, string email, string name, string note, Validator v, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var ticket = await HeldTicketAsync(c, tx, userId, ticketId, now, v, batch);
            if (ticket is null) return null;
            if (string.Equals(email, ticket.HolderEmail, StringComparison.OrdinalIgnoreCase)) { v.Add("recipientEmail", "That is your own address; name the person you are giving the ticket to."); return null; }
            var expires = TicketRules.TransferExpiry(ticket, now, settings.TransferOfferLifetime);
            var token = TicketSecrets.NewTransferToken();
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO ticket_transfers (event_id, ticket_id, from_user_id, kind, status, token, recipient_email, recipient_name, note, expires_at, created_at)
                VALUES (@EventId, @Id, @userId, 'direct', 'open', @token, @email, @name, @note, @expires, @now) RETURNING id
                """, new { ticket.EventId, ticket.Id, userId, token, email, name, note, expires, now }, tx);
            var holder = await TicketSql.PersonAsync(c, tx, userId);
            var offer = (await TicketSql.TransferAsync(c, tx, id))!;
            await batch.AddAsync(c, tx, notices.TransferOffered(holder, offer, email, name));
            await batch.AddAsync(c, tx, notices.TransferOfferSent(holder, offer, name));
            return offer;
        }, ct));

    public Task<TransferRow?> OfferToCommunityAsync(long userId, long ticketId, string note, bool autoFirst, Validator v, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var ticket = await HeldTicketAsync(c, tx, userId, ticketId, now, v, batch);
            if (ticket is null) return null;
            var expires = TicketRules.TransferExpiry(ticket, now, settings.TransferOfferLifetime);
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO ticket_transfers (event_id, ticket_id, from_user_id, kind, status, note, auto_first, expires_at, created_at)
                VALUES (@EventId, @Id, @userId, 'community', 'open', @note, @autoFirst, @expires, @now) RETURNING id
                """, new { ticket.EventId, ticket.Id, userId, note, autoFirst, expires, now }, tx);
            return await TicketSql.TransferAsync(c, tx, id);
        }, ct));

    // The ticket must be the caller's (another user's is not found) and transferable now, with no live offer.
    private async Task<TicketRow?> HeldTicketAsync(IDbConnection c, IDbTransaction tx, long userId, long ticketId, DateTimeOffset now, Validator v, OutboxBatch batch)
    {
        if (!await TicketSql.LockEventOfAsync(c, tx, "tickets", ticketId)) return null;
        var ticket = await TicketSql.TicketAsync(c, tx, ticketId);
        if (ticket is null || ticket.HolderUserId != userId) return null;
        if (TicketRules.TransferRefusal(ticket, now) is { } refusal) { v.Add("ticket", refusal); return null; }
        await TicketSql.ExpireTransfersAsync(c, tx, now, ticketId, notices, batch);
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ticket_transfers WHERE ticket_id = @ticketId AND status IN ('open', 'chosen', 'awaiting_approval'))",
                new { ticketId }, tx))
        {
            v.Add("ticket", "This ticket is already on offer; cancel that offer first.");
            return null;
        }
        return ticket;
    }

    /// <summary>The holder withdraws an offer that nobody has completed yet.</summary>
    public Task<bool> CancelAsync(long userId, long transferId, Validator v, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            if (!await TicketSql.LockEventOfAsync(c, tx, "ticket_transfers", transferId)) return false;
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.FromUserId != userId) return false;
            var cancelled = await c.ExecuteAsync("""
                UPDATE ticket_transfers SET status = 'cancelled', closed_at = @now WHERE id = @transferId AND status IN ('open', 'chosen', 'awaiting_approval')
                """, new { transferId, now = clock.GetUtcNow() }, tx);
            if (cancelled == 0) { v.Add("transfer", TransferStatuses.Describe(x.Status)); return false; }
            await TicketSql.TellClosedAsync(c, tx, transferId, "cancelled by the holder", notices, batch);
            return true;
        }, ct));

    // ---- Accepting ----

    public async Task<TransferRow?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        if (!TicketSecrets.LooksLikeTransferToken(token)) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TransferRow>($"SELECT {TicketSql.TransferColumns} WHERE x.token = @token", new { token });
    }

    /// <summary>
    /// A direct offer is for the account whose confirmed email is the address it was made to; a board offer is for the
    /// chosen requester. Whoever else holds the link (a forwarded mail, a shared screen) may not take the ticket.
    /// </summary>
    public async Task<bool> IsForAsync(TransferRow x, long userId, CancellationToken ct = default)
    {
        if (x.Kind != "direct") return x.RecipientUserId == userId;
        await using var c = await db.OpenAsync(ct);
        return await IsDirectRecipientAsync(c, null, x, userId);
    }

    private static async Task<bool> IsDirectRecipientAsync(IDbConnection c, IDbTransaction? tx, TransferRow x, long userId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM users WHERE id = @userId AND email_confirmed = TRUE AND lower(email) = lower(@RecipientEmail)",
            new { userId, x.RecipientEmail }, tx) > 0;

    /// <summary>
    /// The recipient accepts with their attendee answers. Without organiser approval the ticket changes hands
    /// at once; with it, the transfer waits for an organiser. Null (and no message) when the link is not theirs.
    /// </summary>
    public async Task<string?> AcceptAsync(string token, long userId, Attendee attendee, Validator v, CancellationToken ct = default)
    {
        if (!TicketSecrets.LooksLikeTransferToken(token)) return null;
        return await TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var transferId = await c.ExecuteScalarAsync<long?>("SELECT id FROM ticket_transfers WHERE token = @token", new { token }, tx);
            if (transferId is null || !await TicketSql.LockEventOfAsync(c, tx, "ticket_transfers", transferId.Value)) return null;
            var x = (await TicketSql.TransferAsync(c, tx, transferId.Value))!;
            if (x.Kind == "community" && x.RecipientUserId != userId) return null;
            if (x.FromUserId == userId) { v.Add("transfer", "This is your own offer; send the link to the person you are giving the ticket to."); return null; }
            if (x.Kind == "direct" && !await IsDirectRecipientAsync(c, tx, x, userId)) return AcceptOutcomes.NotForYou;
            if (x.Status is "open" or "chosen" && x.ExpiresAt <= now)
            {
                await TicketSql.ExpireTransfersAsync(c, tx, now, x.TicketId, notices, batch);
                x = x with { Status = "expired" };
            }
            var expected = x.Kind == "direct" ? "open" : "chosen";
            if (x.Status != expected) { v.Add("transfer", TransferStatuses.Describe(x.Status)); return null; }
            var ticket = (await TicketSql.TicketAsync(c, tx, x.TicketId))!;
            if (TicketRules.TransferRefusal(ticket, now) is { } refusal) { v.Add("transfer", refusal); return null; }

            if (ticket.Transferability == TicketRules.TransferableWithApproval)
            {
                await c.ExecuteAsync("""
                    UPDATE ticket_transfers SET status = 'awaiting_approval', recipient_user_id = @userId, badge_name = @BadgeName, tshirt_size = @TshirtSize, dietary = @Dietary
                    WHERE id = @Id AND status = @expected
                    """, new { x.Id, userId, expected, attendee.BadgeName, attendee.TshirtSize, attendee.Dietary }, tx);
                await batch.AddAsync(c, tx, notices.TransferAwaitingApproval(await TicketSql.PersonAsync(c, tx, userId), x));
                await batch.AddAsync(c, tx, notices.TransferAwaitingApproval(await TicketSql.PersonAsync(c, tx, x.FromUserId), x));
                return AcceptOutcomes.AwaitingApproval;
            }
            await TransferHandOver.CompleteAsync(c, tx, notices, webhooks, x, expected, userId, attendee, actorId: userId, approvedBy: null, now, batch);
            return AcceptOutcomes.Completed;
        }, ct));
    }

    /// <summary>The recipient says no: a direct offer ends; a chosen community request goes back to the board.</summary>
    public Task<bool> DeclineAsync(string token, long userId, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            var found = await c.ExecuteScalarAsync<long?>("SELECT id FROM ticket_transfers WHERE token = @token", new { token }, tx);
            if (found is null || !await TicketSql.LockEventOfAsync(c, tx, "ticket_transfers", found.Value)) return false;
            var x = await c.QuerySingleOrDefaultAsync<TransferRow>($"SELECT {TicketSql.TransferColumns} WHERE x.id = @found", new { found }, tx);
            if (x is null || x.FromUserId == userId || (x.Kind == "community" && x.RecipientUserId != userId)) return false;
            if (x.Kind == "direct" && !await IsDirectRecipientAsync(c, tx, x, userId)) return false;
            if (x.Kind == "direct")
            {
                if (await c.ExecuteAsync("UPDATE ticket_transfers SET status = 'declined', closed_at = @now WHERE id = @Id AND status = 'open'", new { x.Id, now = clock.GetUtcNow() }, tx) == 0) return false;
                await TicketSql.TellClosedAsync(c, tx, x.Id, "declined by the recipient", notices, batch);
                return true;
            }
            if (await c.ExecuteAsync("UPDATE ticket_transfers SET status = 'open', recipient_user_id = NULL, token = NULL WHERE id = @Id AND status = 'chosen'", new { x.Id }, tx) == 0) return false;
            await c.ExecuteAsync("UPDATE ticket_transfer_requests SET status = 'withdrawn' WHERE transfer_id = @Id AND requester_user_id = @userId", new { x.Id, userId }, tx);
            return true;
        }, ct));

    // ---- Reading ----

    /// <summary>The holder's view of one of their offers; another user's is not found.</summary>
    public async Task<(TransferRow Transfer, IReadOnlyList<TransferRequestRow> Requests)?> FindOwnAsync(long userId, long transferId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var x = await TicketSql.TransferAsync(c, null, transferId);
        if (x is null || x.FromUserId != userId) return null;
        var requests = (await c.QueryAsync<TransferRequestRow>($"""
            {TransferBoardStore.RequestSelect} WHERE r.transfer_id = @transferId ORDER BY r.id
            """, new { transferId })).AsList();
        return (Effective(x), requests);
    }

    /// <summary>The live offer of a ticket, if any.</summary>
    public async Task<TransferRow?> LiveForTicketAsync(long ticketId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var x = await c.QuerySingleOrDefaultAsync<TransferRow>($"""
            SELECT {TicketSql.TransferColumns} WHERE x.ticket_id = @ticketId AND x.status IN ('open', 'chosen', 'awaiting_approval')
            """, new { ticketId });
        return x is null ? null : TransferStatuses.Live.Contains(Effective(x).Status) ? x : null;
    }

    /// <summary>Offers made to this user: direct offers to their address and community requests they were chosen for.</summary>
    public async Task<IReadOnlyList<TransferRow>> IncomingAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TransferRow>($"""
            SELECT {TicketSql.TransferColumns}
            WHERE ((x.kind = 'direct' AND x.status = 'open' AND lower(x.recipient_email) = (SELECT lower(email) FROM users WHERE id = @userId))
                OR (x.kind = 'community' AND x.status = 'chosen' AND x.recipient_user_id = @userId))
              AND x.expires_at > @now
            ORDER BY x.id
            """, new { userId, now = clock.GetUtcNow() })).AsList();
    }

    // Reads show a lapsed offer as expired before any write gets round to marking it.
    private TransferRow Effective(TransferRow x) =>
        x.Status is "open" or "chosen" && x.ExpiresAt <= clock.GetUtcNow() ? x with { Status = "expired" } : x;
}
