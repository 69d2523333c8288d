using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The organisers' side of transfers: approving (the ticket changes hands then) or refusing a transfer that waits for
/// them, and what they read: transfers awaiting approval and every change of holder.
/// </summary>
public sealed class TransferApprovalStore(Db db, TimeProvider clock, TicketNotices notices, Outbox outbox, WebhookOutbox webhooks)
{
    public Task<bool> ApproveAsync(long eventId, long transferId, long organiserId, Validator v, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
        {
            var now = clock.GetUtcNow();
            var x = await TicketSql.TransferAsync(c, tx, transferId);
            if (x is null || x.EventId != eventId) return false;
            if (x.Status != "awaiting_approval") { v.Add("transfer", TransferStatuses.Describe(x.Status)); return false; }
            var answers = await c.QuerySingleAsync<AttendeeAnswers>("SELECT badge_name, tshirt_size, dietary FROM ticket_transfers WHERE id = @transferId", new { transferId }, tx);
            var ticket = (await TicketSql.TicketAsync(c, tx, x.TicketId))!;
            if (ticket.Status != "valid" || ticket.HolderUserId != x.FromUserId) { v.Add("transfer", "The ticket is no longer valid."); return false; }
            await TransferHandOver.CompleteAsync(c, tx, notices, webhooks, x, "awaiting_approval", x.RecipientUserId!.Value,
                new Attendee(answers.BadgeName ?? "", answers.TshirtSize ?? "", answers.Dietary ?? ""), actorId: organiserId, approvedBy: organiserId, now, batch);
            return true;
        }, ct));

    public Task<bool> RefuseAsync(long eventId, long transferId, CancellationToken ct = default) =>
        TransferHandOver.KickWebhooksAfterAsync(webhooks, outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            if (await c.ExecuteAsync("""
                    UPDATE ticket_transfers SET status = 'refused', closed_at = @now WHERE id = @transferId AND event_id = @eventId AND status = 'awaiting_approval'
                    """, new { transferId, eventId, now = clock.GetUtcNow() }, tx) == 0) return false;
            await TicketSql.TellClosedAsync(c, tx, transferId, "not approved by the organisers", notices, batch);
            return true;
        }, ct));

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

    internal sealed record AttendeeAnswers
    {
        public string? BadgeName { get; init; }
        public string? TshirtSize { get; init; }
        public string? Dietary { get; init; }
    }
}
