using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// "Download my data": a small export is answered at once; a large one is built by <see cref="DataExportJob"/> into a
/// file with a random name, and the owner is mailed a link (random token, kept only as a hash) that works for them,
/// signed in, for <see cref="LinkLifetime"/>. One export in the making at a time per person.
/// </summary>
public sealed class DataExports(Db db, TimeProvider clock, IBackgroundJobClient jobs, PersonalDataExporter exporter, ExportFiles files,
    IConfiguration configuration)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    /// <summary>Above this many records (the account's mail, proposal versions, reviews, tickets, stars) the export is built in the background.</summary>
    private readonly int _inlineLimit = configuration.GetValue("EventPlanner:Privacy:InlineExportLimit", PersonalDataExporter.InlineLimit);

    /// <summary>An export asked for: the file at once, or a build in the background whose link is mailed.</summary>
    public abstract record Export
    {
        public sealed record Ready(byte[] Json, string FileName) : Export;
        public sealed record Queued(DateTimeOffset ExpiresAt) : Export;
    }

    /// <summary>Not found when the account is gone meanwhile.</summary>
    public async Task<WriteResult<Export>> RequestAsync(long userId, CancellationToken ct = default)
    {
        long records;
        await using (var c = await db.OpenAsync(ct))
        {
            // A cheap estimate from the tables that grow with the years; the file itself counts everything.
            records = await c.ExecuteScalarAsync<long>("""
                SELECT (SELECT COUNT(*) FROM notifications WHERE user_id = @userId)
                     + (SELECT COUNT(*) FROM proposal_versions v JOIN proposal_speakers s ON s.proposal_id = v.proposal_id WHERE s.user_id = @userId)
                     + (SELECT COUNT(*) FROM reviews WHERE user_id = @userId)
                     + (SELECT COUNT(*) FROM tickets WHERE holder_user_id = @userId)
                     + (SELECT COUNT(*) FROM schedule_stars WHERE user_id = @userId)
                """, new { userId });
        }
        if (records <= _inlineLimit)
        {
            if (await exporter.BuildAsync(userId, ct) is not { } file) return WriteResult<Export>.NotFound;
            return WriteResult<Export>.Ok(new Export.Ready(PersonalDataExporter.Serialise(file), FileName(clock.GetUtcNow())));
        }
        var now = clock.GetUtcNow();
        var (id, isNew) = await db.WriteAsync(async (c, tx) =>
        {
            var building = await c.ExecuteScalarAsync<long?>("SELECT id FROM privacy_exports WHERE user_id = @userId AND state = 'building'", new { userId }, tx);
            if (building is { } b) return (b, false);
            return (await c.ExecuteScalarAsync<long>("""
                INSERT INTO privacy_exports (user_id, token_hash, state, created_at, expires_at) VALUES (@userId, @hash, 'building', @now, @expires)
                RETURNING id
                """, new { userId, hash = Hash(NewToken()), now, expires = now + LinkLifetime }, tx), true);
        }, ct);
        if (isNew) jobs.Enqueue<DataExportJob>(j => j.BuildAsync(id, CancellationToken.None));
        return WriteResult<Export>.Ok(new Export.Queued(now + LinkLifetime));
    }

    /// <summary>The file behind a mailed link, for its owner only, while the link lasts; null otherwise (answered as 404).</summary>
    public async Task<(string Path, string FileName)?> OpenAsync(long userId, string token, CancellationToken ct = default)
    {
        if (token.Length is < 20 or > 100) return null;
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string? FileName, DateTimeOffset CreatedAt)?>("""
            SELECT file_name, created_at FROM privacy_exports WHERE token_hash = @hash AND user_id = @userId AND state = 'ready' AND expires_at > @now
            """, new { hash = Hash(token), userId, now = clock.GetUtcNow() });
        return row is { FileName: { } name } r && files.PathOf(name) is { } path ? (path, FileName(r.CreatedAt)) : null;
    }

    public static string FileName(DateTimeOffset at) => $"eventplanner-my-data-{at.UtcDateTime:yyyy-MM-dd}.json";

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
