using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The event's community board: open community offers, signed-in users' requests for them, and the holder's choice
/// (or "first request gets it"). The chosen requester then accepts by link through <see cref="TransferStore"/>.
/// </summary>
public sealed class TransferBoardStore(Db db, TimeProvider clock, TicketNotices notices, Outbox outbox, WebhookOutbox webhooks)
{
    internal const string RequestSelect = """
        SELECT r.id, r.transfer_id, r.requester_user_id, u.display_name AS requester_name, r.message, r.status, r.created_at
        FROM ticket_transfer_requests r JOIN users u ON u.id = r.requester_user_id
        """;

    public async Task<IReadOnlyList<TransferRow>> BoardAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TransferRow>($"""
            SELECT {TicketSql.TransferColumns} WHERE x.event_id = @eventId AND x.kind = 'community' AND x.status = 'open' AND x.expires_at > @now ORDER BY x.id
            """, new { eventId, now = clock.GetUtcNow() })).AsList();
    }

    /// <summary>A signed-in user asks for an offered ticket; with "first request gets it" the first asker is chosen at once.</summary>
    public Task<TransferRequestRow?> RequestAsync(long eventId, long transferId, long userId, string message, Validator v, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
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
            if (x.Status != "open") { v.Add("transfer", x.Status is "chosen" or "awaiting_approval" ? "Someone has already been chosen for this ticket." : TransferStatuses.Describe(x.Status)); return null; }
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
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
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
            if (x.Status != "open") { v.Add("transfer", x.Status is "chosen" ? "You have already chosen someone for this ticket." : TransferStatuses.Describe(x.Status)); return false; }
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
        await c.QuerySingleAsync<TransferRequestRow>($"{RequestSelect} WHERE r.id = @requestId", new { requestId }, tx);

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
}
