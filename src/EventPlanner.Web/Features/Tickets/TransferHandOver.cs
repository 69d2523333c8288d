using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// What every transfer write shares: <see cref="CompleteAsync"/>, the one place a ticket changes hands (on the
/// recipient's acceptance, or an organiser's approval of it), and the batch of notices and webhooks kicked after commit.
/// </summary>
internal static class TransferHandOver
{
    // The one place a ticket changes hands.
    internal static async Task CompleteAsync(IDbConnection c, IDbTransaction tx, TicketNotices notices, WebhookOutbox webhooks, TransferRow x, string expectedStatus, long toUserId, Attendee attendee,
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

    // A transfer write (run by Outbox.WriteWithNoticesAsync, which kicks mail delivery at its commit); webhooks are kicked once it has committed.
    internal static async Task<T> KickWebhooksAfterAsync<T>(WebhookOutbox webhooks, Task<T> write)
    {
        var result = await write;
        webhooks.Kick();
        return result;
    }
}
