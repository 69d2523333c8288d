using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Complimentary speaker tickets, outside the quota: issued when a talk is accepted and confirmed and revoked when the
/// last talk that earned it is withdrawn. The review feature calls the <c>...InAsync</c> methods inside its own
/// confirmation transaction; Tickets still owns the tickets table.
/// </summary>
public sealed class SpeakerTicketStore(Db db, TimeProvider clock, TicketNotices notices, Outbox outbox)
{
    /// <summary>
    /// Gives an accepted and confirmed speaker a complimentary ticket of the event's speaker type, outside
    /// the quota. Idempotent; one ticket per speaker however many talks. Null when the event has no speaker type.
    /// </summary>
    public async Task<TicketRow?> IssueSpeakerTicketAsync(long eventId, long userId, long proposalId, CancellationToken ct = default)
    {
        var ticket = await outbox.WriteWithNoticesAsync(async (c, tx, batch) =>
            await IssueSpeakerTicketInAsync(c, tx, batch, eventId, userId, proposalId) is { } id ? await TicketSql.TicketAsync(c, tx, id) : null, ct);
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
}
