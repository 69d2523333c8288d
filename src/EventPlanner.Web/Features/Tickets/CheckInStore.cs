using System.Data;
using Dapper;
using System.Data.Common;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Features.Tickets;

public sealed record CheckInResult(string Outcome, TicketRow? Ticket, DateTimeOffset? When);

/// <summary>The door: checking tickets in by their current secret, undoing mistakes, counts, and the check-in team.</summary>
public sealed class CheckInStore(Db db, TimeProvider clock, WebhookOutbox webhooks)
{
    public async Task<CheckInResult> CheckInAsync(long eventId, string? secret, long staffUserId, CancellationToken ct = default)
    {
        secret = secret?.Trim() ?? "";
        // A pasted ticket link works as well as the bare secret.
        if (secret.LastIndexOf("/tickets/", StringComparison.Ordinal) is var i and >= 0) secret = secret[(i + "/tickets/".Length)..].Split('/', '?')[0];
        if (!TicketSecrets.LooksLikeSecret(secret)) return new(CheckInOutcomes.Unknown, null, null);
        var code = secret;
        var result = await db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var ticket = await c.QuerySingleOrDefaultAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.secret = @code", new { code }, tx);
            if (ticket is null)
            {
                var retired = await c.QuerySingleOrDefaultAsync<RetiredSecret>("""
                    SELECT r.retired_at, t.event_id FROM retired_ticket_secrets r JOIN tickets t ON t.id = r.ticket_id WHERE r.secret_hash = @hash
                    """, new { hash = TicketSecrets.Hash(code) }, tx);
                return retired is { } r && r.EventId == eventId
                    ? new CheckInResult(CheckInOutcomes.Replaced, null, r.RetiredAt)
                    : new CheckInResult(CheckInOutcomes.Unknown, null, null);
            }
            if (ticket.EventId != eventId) return new(CheckInOutcomes.OtherEvent, null, null);
            return await AdmitInAsync(c, tx, ticket, staffUserId, now);
        }, ct);
        if (result.Outcome == CheckInOutcomes.Accepted) webhooks.Kick();
        return result;
    }

    /// <summary>
    /// The desk's name search picked this ticket (the holder's phone is dead): the same rules as a code, and null
    /// when the event has no such ticket. A ticket that changed hands is the new holder's, found under their name.
    /// </summary>
    public async Task<CheckInResult?> CheckInTicketAsync(long eventId, long ticketId, long staffUserId, CancellationToken ct = default)
    {
        var result = await db.WriteAsync(async (c, tx) =>
        {
            var ticket = await c.QuerySingleOrDefaultAsync<TicketRow>($"SELECT {TicketSql.TicketColumns} WHERE t.id = @ticketId AND t.event_id = @eventId",
                new { ticketId, eventId }, tx);
            return ticket is null ? null : await AdmitInAsync(c, tx, ticket, staffUserId, clock.GetUtcNow());
        }, ct);
        if (result?.Outcome == CheckInOutcomes.Accepted) webhooks.Kick();
        return result;
    }

    // One rule for every way in: only a valid ticket, and only once (a second try says when the first was). The
    // webhook is written here, in the admission's transaction, so both ways in publish it and a refusal publishes nothing.
    private async Task<CheckInResult> AdmitInAsync(DbConnection c, IDbTransaction tx, TicketRow ticket, long staffUserId, DateTimeOffset now)
    {
        var refused = ticket.Status switch
        {
            "revoked" => CheckInOutcomes.Revoked,
            "cancelled" => CheckInOutcomes.Cancelled,
            "pending" => CheckInOutcomes.Pending,
            _ => ticket.CheckedInAt is not null ? CheckInOutcomes.AlreadyCheckedIn : null,
        };
        if (refused is not null) return new(refused, ticket, ticket.CheckedInAt);
        // Guarded: of two desks scanning one ticket at once (READ COMMITTED on PostgreSQL), only one admits it.
        if (await c.ExecuteAsync("UPDATE tickets SET checked_in_at = @now, checked_in_by = @staffUserId WHERE id = @Id AND checked_in_at IS NULL",
                new { ticket.Id, now, staffUserId }, tx) == 0)
        {
            var fresh = await TicketSql.TicketAsync(c, tx, ticket.Id) ?? ticket;
            return new(CheckInOutcomes.AlreadyCheckedIn, fresh, fresh.CheckedInAt);
        }
        await c.ExecuteAsync("INSERT INTO ticket_checkins (ticket_id, event_id, checked_in_at, checked_in_by) VALUES (@Id, @EventId, @now, @staffUserId)",
            new { ticket.Id, ticket.EventId, now, staffUserId }, tx);
        // The ticket and its type only: the holder, badge name and who scanned it stay with the organisers.
        await webhooks.PublishAsync(c, tx, ticket.EventId, WebhookEventTypes.TicketCheckedIn, new
        {
            ticket = new { id = ticket.Id, type = new { id = ticket.TicketTypeId, name = ticket.TypeName } },
            checkedInAt = now,
        });
        return new(CheckInOutcomes.Accepted, ticket with { CheckedInAt = now }, now);
    }

    /// <summary>Undoes a check-in made by mistake; the log keeps both.</summary>
    public Task<bool> UndoAsync(long eventId, long ticketId, long staffUserId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            if (await c.ExecuteAsync("UPDATE tickets SET checked_in_at = NULL, checked_in_by = NULL WHERE id = @ticketId AND event_id = @eventId AND checked_in_at IS NOT NULL",
                    new { ticketId, eventId }, tx) == 0) return false;
            await c.ExecuteAsync("""
                UPDATE ticket_checkins SET undone_at = @now, undone_by = @staffUserId
                WHERE id = (SELECT MAX(id) FROM ticket_checkins WHERE ticket_id = @ticketId AND undone_at IS NULL)
                """, new { ticketId, now, staffUserId }, tx);
            return true;
        }, ct);

    public async Task<IReadOnlyList<TypeCountRow>> CountsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TypeCountRow>("""
            SELECT tt.id AS ticket_type_id, tt.name AS type_name,
                   COUNT(t.id) AS valid, COUNT(t.checked_in_at) AS checked_in
            FROM ticket_types tt LEFT JOIN tickets t ON t.ticket_type_id = tt.id AND t.status = 'valid'
            WHERE tt.event_id = @eventId GROUP BY tt.id, tt.name ORDER BY tt.sort_order, tt.name
            """, new { eventId })).AsList();
    }

    public async Task<IReadOnlyList<CheckInRow>> RecentAsync(long eventId, int limit = 15, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<CheckInRow>("""
            SELECT k.id, k.ticket_id, u.display_name AS holder_name, t.badge_name, tt.name AS type_name, k.checked_in_at,
                   s.display_name AS checked_in_by_name, k.undone_at
            FROM ticket_checkins k JOIN tickets t ON t.id = k.ticket_id JOIN users u ON u.id = t.holder_user_id
            JOIN ticket_types tt ON tt.id = t.ticket_type_id LEFT JOIN users s ON s.id = k.checked_in_by
            WHERE k.event_id = @eventId ORDER BY k.id DESC LIMIT @limit
            """, new { eventId, limit })).AsList();
    }

    // ---- The check-in team ----

    public async Task<bool> IsOrganiserOrStaffAsync(string slug, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM events e JOIN event_roles r ON r.event_id = e.id WHERE e.slug = @slug AND r.user_id = @userId AND r.role = 'organiser')
                OR EXISTS (SELECT 1 FROM events e JOIN event_checkin_staff s ON s.event_id = e.id WHERE e.slug = @slug AND s.user_id = @userId)
            """, new { slug, userId });
    }

    public async Task<IReadOnlyList<StaffRow>> ListStaffAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<StaffRow>("""
            SELECT u.id AS user_id, u.email, u.display_name, s.granted_at FROM event_checkin_staff s JOIN users u ON u.id = s.user_id
            WHERE s.event_id = @eventId ORDER BY u.display_name
            """, new { eventId })).AsList();
    }

    public Task<StaffRow?> AddStaffAsync(long eventId, string email, long grantedBy, Validator v, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<UserSummary>("SELECT id, email, display_name FROM users WHERE normalized_email = @n",
                new { n = email.Trim().ToUpperInvariant() }, tx);
            if (user is null)
            {
                v.Add("email", $"No account uses {email}. Ask them to register first, then add them.");
                return null;
            }
            var now = clock.GetUtcNow();
            await c.ExecuteAsync("""
                INSERT INTO event_checkin_staff (event_id, user_id, granted_by, granted_at) VALUES (@eventId, @Id, @grantedBy, @now) ON CONFLICT DO NOTHING
                """, new { eventId, user.Id, grantedBy, now }, tx);
            return new StaffRow { UserId = user.Id, Email = user.Email, DisplayName = user.DisplayName, GrantedAt = now };
        }, ct);

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false leaves the volunteer.</summary>
    public Task<bool> RemoveStaffAsync(long eventId, long userId, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) => (stillAsShown is null || await stillAsShown(c, tx)) && await c.ExecuteAsync("DELETE FROM event_checkin_staff WHERE event_id = @eventId AND user_id = @userId", new { eventId, userId }, tx) == 1, ct);

    internal sealed record RetiredSecret
    {
        public DateTimeOffset RetiredAt { get; init; }
        public long EventId { get; init; }
    }
}
