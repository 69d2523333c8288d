using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Accounts;

public enum EventCreation { AdministratorsOnly, AnySignedInUser }

/// <summary>Site-wide settings, a key/value table edited by administrators.</summary>
public sealed class SiteSettingsStore(Db db)
{
    private const string EventCreationKey = "event_creation";

    public async Task<string?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT value FROM site_settings WHERE key = @key", new { key });
    }

    public Task SetAsync(string key, string value, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO site_settings (key, value) VALUES (@key, @value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, new { key, value }, tx), ct);

    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM site_settings WHERE key = @key", new { key }, tx), ct);

    public async Task<EventCreation> GetEventCreationAsync(CancellationToken ct = default) =>
        await GetAsync(EventCreationKey, ct) == "anyone" ? EventCreation.AnySignedInUser : EventCreation.AdministratorsOnly;

    public Task SetEventCreationAsync(EventCreation value, CancellationToken ct = default) =>
        SetAsync(EventCreationKey, value == EventCreation.AnySignedInUser ? "anyone" : "admins", ct);
}
