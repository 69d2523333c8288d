using System.Security.Cryptography;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Accounts;

public sealed record ApiTokenRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed record ApiTokenOwner(long TokenId, long UserId, string Email, string DisplayName, string SecurityStamp, string? LastUsedAt);

/// <summary>
/// Personal API tokens: 256 random bits shown once; only a SHA-256 of the token is kept, which is
/// enough for a secret that long (no need for a slow password hash).
/// </summary>
public sealed class ApiTokenStore(Db db, TimeProvider clock)
{
    public const string TokenPrefix = "ep_";

    public async Task<(ApiTokenRow Row, string Secret)> CreateAsync(long userId, string name, CancellationToken ct = default)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var prefix = secret[..10];
        var id = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
            VALUES (@userId, @name, @hash, @prefix, @now) RETURNING id
            """, new { userId, name, hash = Hash(secret), prefix, now }, tx), ct);
        return (new ApiTokenRow { Id = id, Name = name, Prefix = prefix, CreatedAt = now }, secret);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<ApiTokenRow>("""
            SELECT id, name, prefix, created_at, last_used_at, revoked_at
            FROM api_tokens WHERE user_id = @userId ORDER BY id DESC
            """, new { userId });
        return rows.AsList();
    }

    /// <summary>Revokes one of the user's own tokens; false when it is not theirs or already revoked.</summary>
    public Task<bool> RevokeAsync(long userId, long tokenId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("""
            UPDATE api_tokens SET revoked_at = @now
            WHERE id = @tokenId AND user_id = @userId AND revoked_at IS NULL
            """, new { tokenId, userId, now = clock.GetUtcNow() }, tx) == 1, ct);

    public async Task<ApiTokenOwner?> FindActiveAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        ApiTokenOwner? owner;
        // The read's connection goes back to the pool before the write below waits for one: holding it while waiting
        // would let a rush of first calls take the whole pool and wait on each other (issue 19).
        await using (var c = await db.OpenAsync(ct))
        {
            owner = await c.QuerySingleOrDefaultAsync<ApiTokenOwner>("""
                SELECT t.id AS token_id, u.id AS user_id, u.email, u.display_name, u.security_stamp, t.last_used_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = @hash AND t.revoked_at IS NULL
                """, new { hash = Hash(secret) });
        }
        if (owner is null) return null;
        // Use is recorded at most every five minutes, and the check is made on the row just read: an UPDATE that
        // matches nothing still takes SQLite's write lock, which every API call would otherwise queue for.
        var now = clock.GetUtcNow();
        var cutoff = now.AddMinutes(-5);
        if (owner.LastUsedAt is null || DateTimeOffset.Parse(owner.LastUsedAt, System.Globalization.CultureInfo.InvariantCulture) < cutoff)
        {
            await db.WriteAsync((w, tx) => w.ExecuteAsync("""
                UPDATE api_tokens SET last_used_at = @now
                WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @cutoff)
                """, new { id = owner.TokenId, now, cutoff }, tx), ct);
        }
        return owner;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
