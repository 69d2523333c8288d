using System.Data;
using Dapper;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Web.Features.Events;

/// <summary>
/// The rule the team page keeps (the last organiser cannot be removed) holds for account deletion too: an event
/// must never be left with nobody who can run it.
/// </summary>
public sealed class SoleOrganiserRemovalStep : IAccountRemovalStep
{
    public async Task<string?> RefuseAsync(IDbConnection c, IDbTransaction tx, long userId, DateTimeOffset now)
    {
        var events = (await c.QueryAsync<string>("""
            SELECT e.name FROM event_roles r JOIN events e ON e.id = r.event_id
            WHERE r.user_id = @userId AND r.role = 'organiser'
              AND NOT EXISTS (SELECT 1 FROM event_roles o WHERE o.event_id = r.event_id AND o.role = 'organiser' AND o.user_id <> @userId)
            ORDER BY e.name
            """, new { userId }, tx)).AsList();
        return events.Count == 0 ? null
            : $"You are the only organiser of {string.Join(", ", events)}. Make someone else an organiser on the team page first.";
    }

    public Task<Action?> DetachAsync(IDbConnection c, IDbTransaction tx, long userId, Func<Task<long>> placeholder) => Task.FromResult<Action?>(null);
}
