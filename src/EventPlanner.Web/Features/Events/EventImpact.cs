using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Events;

/// <summary>
/// Events' part of what a destructive action touches (the confirmation step): read on the caller's connection, inside
/// its transaction when the confirming post recounts before it writes.
/// </summary>
public static class EventImpact
{
    public static Task<string?> TrackNameAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId) =>
        c.QuerySingleOrDefaultAsync<string?>("SELECT name FROM tracks WHERE id = @trackId AND event_id = @eventId", new { eventId, trackId }, tx);

    /// <summary>The holder's name when they hold <paramref name="role"/> in the event, and how many other organisers it has.</summary>
    public static async Task<(string? Name, int OtherOrganisers)> RoleAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId, string role)
    {
        var (name, others) = await c.QuerySingleAsync<(string?, long)>("""
            SELECT
              (SELECT u.display_name FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = @eventId AND r.user_id = @userId AND r.role = @role),
              (SELECT COUNT(*) FROM event_roles WHERE event_id = @eventId AND role = 'organiser' AND user_id <> @userId)
            """, new { eventId, userId, role }, tx);
        return (name, (int)others);
    }

    /// <summary>The event's days as they are now (a date change drops those outside the new range).</summary>
    public static async Task<IReadOnlyList<DateOnly>> DaysAsync(IDbConnection c, IDbTransaction? tx, long eventId) =>
        (await c.QueryAsync<DateOnly>("SELECT date FROM event_days WHERE event_id = @eventId ORDER BY date", new { eventId }, tx)).AsList();
}
