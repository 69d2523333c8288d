using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Accounts;

public sealed record UserSummary(long Id, string Email, string DisplayName);

/// <summary>Read-only user look-ups for other features (Identity's store stays Identity's).</summary>
public sealed class UserQueries(Db db)
{
    public async Task<bool> IsAdminAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT is_admin FROM users WHERE id = @userId", new { userId });
    }

    public async Task<bool> AnyAdminAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM users WHERE is_admin = TRUE)");
    }

    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<UserSummary>(
            "SELECT id, email, display_name FROM users WHERE normalized_email = @n",
            new { n = email.Trim().ToUpperInvariant() });
    }
}
