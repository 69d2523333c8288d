using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>The granted roles a user holds in one event, looked up once per request.</summary>
public sealed class EventAccess(Db db)
{
    public async Task<IReadOnlySet<string>> RolesAsync(HttpContext http, long userId, string slug)
    {
        var key = $"ep:roles:{userId}:{slug}";
        if (http.Items.TryGetValue(key, out var cached) && cached is IReadOnlySet<string> set) return set;
        var roles = await RolesAsync(userId, slug, http.RequestAborted);
        http.Items[key] = roles;
        return roles;
    }

    public async Task<IReadOnlySet<string>> RolesAsync(long userId, string slug, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var roles = await c.QueryAsync<string>("""
            SELECT r.role FROM event_roles r JOIN events e ON e.id = r.event_id
            WHERE e.slug = @slug AND r.user_id = @userId
            """, new { slug, userId });
        return roles.ToHashSet(StringComparer.Ordinal);
    }
}
