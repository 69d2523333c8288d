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
/// Hand-overs with consent from both sides: direct offers to a named person, and offers on the event's
/// community board that signed-in users request. A change of holder happens only in <see cref="CompleteAsync"/>,
/// inside one transaction: the holder changes, the secret rotates and the change is recorded.
/// Each step flips the transfer's status with a guarded UPDATE, so of two racing steps exactly one wins.
/// </summary>
public sealed class TransferStore(Db db, TimeProvider clock, TicketSettings settings, TicketNotices notices, WebhookOutbox webhooks)
{
    private static readonly string[] Live = ["open", "chosen", "awaiting_approval"];

    // ---- Offering ----

    public Task<TransferRow?> OfferDirectAsync(long userId, long ticketId, string email, string name, string note, Validator v, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
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
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
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
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
        {
            if (!await TicketSql.LockEventOfAsync(c, tx, "ticket_transfers", transferId)) return false;
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.FromUserId != userId) return false;
            var cancelled = await c.ExecuteAsync("""
                UPDATE ticket_transfers SET status = 'cancelled', closed_at = @now WHERE id = @transferId AND status IN ('open', 'chosen', 'awaiting_approval')
                """, new { transferId, now = clock.GetUtcNow() }, tx);
            if (cancelled == 0) { v.Add("transfer", Describe(x.Status)); return false; }
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
        return await WithNotices(batch => db.WriteAsync(async (c, tx) =>
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
            if (x.Status != expected) { v.Add("transfer", Describe(x.Status)); return null; }
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
            await CompleteAsync(c, tx, x, expected, userId, attendee, actorId: userId, approvedBy: null, now, batch);
            return AcceptOutcomes.Completed;
        }, ct));
    }

    /// <summary>The recipient says no: a direct offer ends; a chosen community request goes back to the board.</summary>
    public Task<bool> DeclineAsync(string token, long userId, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
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

    // The one place a ticket changes hands.
    private async Task CompleteAsync(IDbConnection c, IDbTransaction tx, TransferRow x, string expectedStatus, long toUserId, Attendee attendee,
        long actorId, long? approvedBy, DateTimeOffset now, OutboxBatch batch)
    {
        if (await c.ExecuteAsync("UPDATE ticket_transfers SET status = 'completed', recipient_user_id = @toUserId, closed_at = @now WHERE id = @Id AND status = @expectedStatus",
                new { x.Id, toUserId, now, expectedStatus }, tx) != 1)
        {
            throw new InvalidOperationException($"Transfer {x.Id} changed under a write lock.");
        }
        var oldSecret = await c.ExecuteScalarAsync<string>("SELECT secret FROM tickets WHERE id = @TicketId", new { x.TicketId }, tx);
        var newSecret = TicketSecrets.NewSecret();
        var moved = await c.ExecuteAsync("""
            UPDATE tickets SET holder_user_id = @toUserId, secret = @newSecret, badge_name = @BadgeName, tshirt_size = @TshirtSize, dietary = @Dietary, updated_at = @now
            WHERE id = @TicketId AND holder_user_id = @FromUserId AND status = 'valid'
            """, new { x.TicketId, x.FromUserId, toUserId, newSecret, attendee.BadgeName, attendee.TshirtSize, attendee.Dietary, now }, tx);
        if (moved != 1) throw new InvalidOperationException($"Ticket {x.TicketId} is no longer held by the offering user.");
        await c.ExecuteAsync("INSERT INTO retired_ticket_secrets (secret_hash, ticket_id, retired_at) VALUES (@hash, @TicketId, @now)",
            new { hash = TicketSecrets.Hash(oldSecret!), x.TicketId, now }, tx);
        await c.ExecuteAsync("""
            INSERT INTO ticket_holder_changes (ticket_id, event_id, transfer_id, from_user_id, to_user_id, actor_user_id, approved_by, reason, changed_at)
            VALUES (@TicketId, @EventId, @Id, @FromUserId, @toUserId, @actorId, @approvedBy, @reason, @now)
            """, new { x.TicketId, x.EventId, x.Id, x.FromUserId, toUserId, actorId, approvedBy, now,
                reason = x.Kind == "direct" ? $"direct transfer{(x.Note.Length > 0 ? ": " + x.Note : "")}" : $"community offer{(x.Note.Length > 0 ? ": " + x.Note : "")}" }, tx);

        var from = await TicketSql.PersonAsync(c, tx, x.FromUserId);
        var to = await TicketSql.PersonAsync(c, tx, toUserId);
        await batch.AddAsync(c, tx, notices.TicketHandedOver(from, to, x));
        await batch.AddAsync(c, tx, notices.TicketReceived(to, from, x, newSecret));
        var others = (await c.QueryAsync<long>("""
            UPDATE ticket_transfer_requests SET status = 'gone' WHERE transfer_id = @Id AND status = 'pending' RETURNING requester_user_id
            """, new { x.Id }, tx)).AsList();
        foreach (var r in others) await batch.AddAsync(c, tx, notices.OfferGone(await TicketSql.PersonAsync(c, tx, r), x));
        // Who gave and who got it stay with the organisers; a receiver learns that a ticket moved and how.
        await webhooks.PublishAsync(c, tx, x.EventId, WebhookEventTypes.TicketTransferred, new
        {
            ticket = new { id = x.TicketId },
            transfer = new { id = x.Id, kind = x.Kind, approved = approvedBy is not null },
            transferredAt = now,
        });
    }

    // ---- Organisers' approval ----

    public Task<bool> ApproveAsync(long eventId, long transferId, long organiserId, Validator v, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.EventId != eventId) return false;
            if (x.Status != "awaiting_approval") { v.Add("transfer", Describe(x.Status)); return false; }
            var answers = await c.QuerySingleAsync<AttendeeAnswers>("SELECT badge_name, tshirt_size, dietary FROM ticket_transfers WHERE id = @transferId", new { transferId }, tx);
            var ticket = (await TicketSql.TicketAsync(c, tx, x.TicketId))!;
            if (ticket.Status != "valid" || ticket.HolderUserId != x.FromUserId) { v.Add("transfer", "The ticket is no longer valid."); return false; }
            await CompleteAsync(c, tx, x, "awaiting_approval", x.RecipientUserId!.Value,
                new Attendee(answers.BadgeName ?? "", answers.TshirtSize ?? "", answers.Dietary ?? ""), actorId: organiserId, approvedBy: organiserId, now, batch);
            return true;
        }, ct));

    public Task<bool> RefuseAsync(long eventId, long transferId, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync("""
                    UPDATE ticket_transfers SET status = 'refused', closed_at = @now WHERE id = @transferId AND event_id = @eventId AND status = 'awaiting_approval'
                    """, new { transferId, eventId, now = clock.GetUtcNow() }, tx) == 0) return false;
            await TicketSql.TellClosedAsync(c, tx, transferId, "not approved by the organisers", notices, batch);
            return true;
        }, ct));

    // ---- The community board ----

    public async Task<IReadOnlyList<TransferRow>> BoardAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TransferRow>($"""
            SELECT {TicketSql.TransferColumns} WHERE x.event_id = @eventId AND x.kind = 'community' AND x.status = 'open' AND x.expires_at > @now ORDER BY x.id
            """, new { eventId, now = clock.GetUtcNow() })).AsList();
    }

    /// <summary>A signed-in user asks for an offered ticket; with "first request gets it" the first asker is chosen at once.</summary>
    public Task<TransferRequestRow?> RequestAsync(long eventId, long transferId, long userId, string message, Validator v, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteLockedAsync(eventId, async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.EventId != eventId || x.Kind != "community") return null;
            if (x.FromUserId == userId) { v.Add("transfer", "This is your own offer."); return null; }
            if (x.Status == "open" && x.ExpiresAt <= now)
            {
                await TicketSql.ExpireTransfersAsync(c, tx, now, x.TicketId, notices, batch);
                x = x with { Status = "expired" };
            }
            if (x.Status != "open") { v.Add("transfer", x.Status is "chosen" or "awaiting_approval" ? "Someone has already been chosen for this ticket." : Describe(x.Status)); return null; }
            long requestId;
            try
            {
                requestId = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO ticket_transfer_requests (transfer_id, requester_user_id, message, status, created_at)
                    VALUES (@transferId, @userId, @message, 'pending', @now) RETURNING id
                    """, new { transferId, userId, message, now }, tx);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                v.Add("transfer", "You have already asked for this ticket.");
                return null;
            }
            if (x.AutoFirst) await ChooseInTxAsync(c, tx, x, requestId, now, batch);
            return await RequestRowAsync(c, tx, requestId);
        }, ct));

    /// <summary>The holder picks one request; the chosen requester gets a link to accept. Of two picks at once, one wins.</summary>
    public Task<bool> ChooseAsync(long userId, long transferId, long requestId, Validator v, CancellationToken ct = default) =>
        WithNotices(batch => db.WriteAsync(async (c, tx) =>
        {
            if (!await TicketSql.LockEventOfAsync(c, tx, "ticket_transfers", transferId)) return false;
            var now = clock.GetUtcNow();
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.FromUserId != userId || x.Kind != "community") return false;
            if (x.Status == "open" && x.ExpiresAt <= now)
            {
                await TicketSql.ExpireTransfersAsync(c, tx, now, x.TicketId, notices, batch);
                x = x with { Status = "expired" };
            }
            if (x.Status != "open") { v.Add("transfer", x.Status is "chosen" ? "You have already chosen someone for this ticket." : Describe(x.Status)); return false; }
            if (!await ChooseInTxAsync(c, tx, x, requestId, now, batch)) { v.Add("request", "That request is not open any more."); return false; }
            return true;
        }, ct));

    private async Task<bool> ChooseInTxAsync(IDbConnection c, IDbTransaction tx, TransferRow x, long requestId, DateTimeOffset now, OutboxBatch batch)
    {
        var requester = await c.ExecuteScalarAsync<long?>("""
            UPDATE ticket_transfer_requests SET status = 'chosen' WHERE id = @requestId AND transfer_id = @Id AND status = 'pending' RETURNING requester_user_id
            """, new { requestId, x.Id }, tx);
        if (requester is null) return false;
        var token = TicketSecrets.NewTransferToken();
        if (await c.ExecuteAsync("UPDATE ticket_transfers SET status = 'chosen', recipient_user_id = @requester, token = @token WHERE id = @Id AND status = 'open'",
                new { x.Id, requester, token }, tx) != 1)
        {
            throw new InvalidOperationException($"Transfer {x.Id} changed under a write lock.");
        }
        var to = await TicketSql.PersonAsync(c, tx, requester.Value);
        var holder = await TicketSql.PersonAsync(c, tx, x.FromUserId);
        await batch.AddAsync(c, tx, notices.RequestChosen(to, holder, x, requestId, token));
        return true;
    }

    private static async Task<TransferRequestRow> RequestRowAsync(IDbConnection c, IDbTransaction? tx, long requestId) =>
        await c.QuerySingleAsync<TransferRequestRow>("""
            SELECT r.id, r.transfer_id, r.requester_user_id, u.display_name AS requester_name, r.message, r.status, r.created_at
            FROM ticket_transfer_requests r JOIN users u ON u.id = r.requester_user_id WHERE r.id = @requestId
            """, new { requestId }, tx);

    // ---- Reading ----

    /// <summary>The holder's view of one of their offers; another user's is not found.</summary>
    public async Task<(TransferRow Transfer, IReadOnlyList<TransferRequestRow> Requests)?> FindOwnAsync(long userId, long transferId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var x = await TicketSql.TransferAsync(c, null, transferId);
        if (x is null || x.FromUserId != userId) return null;
        var requests = (await c.QueryAsync<TransferRequestRow>("""
            SELECT r.id, r.transfer_id, r.requester_user_id, u.display_name AS requester_name, r.message, r.status, r.created_at
            FROM ticket_transfer_requests r JOIN users u ON u.id = r.requester_user_id WHERE r.transfer_id = @transferId ORDER BY r.id
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
        return x is null ? null : Live.Contains(Effective(x).Status) ? x : null;
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

    public async Task<IReadOnlyList<(TransferRow Transfer, string RequestStatus)>> MyRequestsAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TransferRow, string, (TransferRow, string)>($"""
            SELECT {TicketSql.TransferColumns.Replace("FROM ticket_transfers x", ", r.status AS request_status FROM ticket_transfers x")}
            JOIN ticket_transfer_requests r ON r.transfer_id = x.id AND r.requester_user_id = @userId
            ORDER BY r.id DESC
            """, (x, s) => (x, s), new { userId }, splitOn: "request_status");
        return rows.AsList();
    }

    public async Task<IReadOnlyList<TransferRow>> AwaitingApprovalAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TransferRow>($"SELECT {TicketSql.TransferColumns} WHERE x.event_id = @eventId AND x.status = 'awaiting_approval' ORDER BY x.id",
            new { eventId })).AsList();
    }

    public async Task<IReadOnlyList<HolderChangeRow>> HolderChangesAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<HolderChangeRow>("""
            SELECT h.id, h.ticket_id, h.transfer_id, tt.name AS type_name, f.display_name AS from_name, t2.display_name AS to_name,
                   a.display_name AS actor_name, ap.display_name AS approved_by_name, h.reason, h.changed_at
            FROM ticket_holder_changes h JOIN tickets t ON t.id = h.ticket_id JOIN ticket_types tt ON tt.id = t.ticket_type_id
            JOIN users f ON f.id = h.from_user_id JOIN users t2 ON t2.id = h.to_user_id
            LEFT JOIN users a ON a.id = h.actor_user_id LEFT JOIN users ap ON ap.id = h.approved_by
            WHERE h.event_id = @eventId ORDER BY h.id DESC
            """, new { eventId })).AsList();
    }

    // Reads show a lapsed offer as expired before any write gets round to marking it.
    private TransferRow Effective(TransferRow x) =>
        x.Status is "open" or "chosen" && x.ExpiresAt <= clock.GetUtcNow() ? x with { Status = "expired" } : x;

    public static string Describe(string status) => status switch
    {
        "completed" => "This ticket has already been handed over.",
        "cancelled" => "The holder cancelled this offer.",
        "expired" => "This offer has expired.",
        "declined" => "This offer was declined.",
        "refused" => "The organisers did not approve this transfer.",
        "awaiting_approval" => "This transfer is waiting for an organiser's approval.",
        "chosen" => "Someone has already been chosen for this ticket.",
        _ => "This offer is not open.",
    };

    private async Task<T> WithNotices<T>(Func<OutboxBatch, Task<T>> work)
    {
        var batch = notices.Begin();
        var result = await work(batch);
        batch.Kick();
        webhooks.Kick();
        return result;
    }

    internal sealed record AttendeeAnswers
    {
        public string? BadgeName { get; init; }
        public string? TshirtSize { get; init; }
        public string? Dietary { get; init; }
    }
}
