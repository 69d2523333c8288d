using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>An event's team: who holds which role (organiser, reviewer, ...); a new member is told through the outbox.</summary>
public sealed class TeamStore(Db db, TimeProvider clock, Outbox outbox)
{
    public async Task<IReadOnlyList<TeamMemberRow>> ListTeamAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<TeamMemberRow>("""
            SELECT u.id AS user_id, u.email, u.display_name, r.role, r.granted_at
            FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = @eventId ORDER BY r.role, u.display_name
            """, new { eventId })).AsList();
    }

    public async Task<TeamMemberRow?> GrantAsync(long eventId, string email, string role, long grantedBy, Validator v, CancellationToken ct = default)
    {
        return await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<UserSummary>("SELECT id, email, display_name FROM users WHERE normalized_email = @n",
                new { n = email.Trim().ToUpperInvariant() }, tx);
            if (user is null)
            {
                v.Add("email", $"No account uses {email}. Ask them to register first, then add them.");
                return null;
            }
            // Anyone can register any address; only its confirmation shows the account belongs to the person the
            // organiser means, so an unconfirmed account gets no role (as with site administrators).
            if (!await c.ExecuteScalarAsync<bool>("SELECT email_confirmed FROM users WHERE id = @Id", new { user.Id }, tx))
            {
                v.Add("email", $"The account for {email} has not confirmed its address yet. Ask them to open the confirmation link, then add them.");
                return null;
            }
            var now = clock.GetUtcNow();
            var granted = await c.ExecuteAsync("""
                INSERT INTO event_roles (event_id, user_id, role, granted_by, granted_at) VALUES (@eventId, @Id, @role, @grantedBy, @now)
                ON CONFLICT DO NOTHING
                """, new { eventId, user.Id, role, grantedBy, now }, tx);
            // Notifications: tell the new team member, in this same transaction (outbox).
            if (granted == 1)
            {
                var grantor = await c.ExecuteScalarAsync<string>("SELECT display_name FROM users WHERE id = @grantedBy", new { grantedBy }, tx);
                await notices.AddAsync(c, tx, new NotificationRequest($"team-role-granted:{eventId}:{user.Id}:{role}",
                    EventNotificationKinds.TeamRoleGranted.Name, user.Id, eventId,
                    new Dictionary<string, string> { ["role"] = role, ["granted_by"] = grantor ?? "An organiser" }));
            }
            return new TeamMemberRow { UserId = user.Id, Email = user.Email, DisplayName = user.DisplayName, Role = role, GrantedAt = now };
        }, ct);
    }

    /// <summary>Removes a role; an event always keeps at least one organiser.</summary>
    public Task<bool> RevokeAsync(long eventId, long userId, string role, Validator v, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return false;
            if (role == EventRoles.Organiser && await c.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM event_roles WHERE event_id = @eventId AND role = 'organiser' AND user_id <> @userId", new { eventId, userId }, tx) == 0)
            {
                v.Add("role", "An event needs at least one organiser; add another before removing this one.");
                return false;
            }
            return await c.ExecuteAsync("DELETE FROM event_roles WHERE event_id = @eventId AND user_id = @userId AND role = @role",
                new { eventId, userId, role }, tx) == 1;
        }, ct);
}
