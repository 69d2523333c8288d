using System.Data;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>Each event's retention setting (privacy_retention; no row means the default).</summary>
public sealed class RetentionStore(Db db, TimeProvider clock)
{
    private sealed record Row
    {
        public int RetentionDays { get; init; }
        public DateTimeOffset? WarnedAt { get; init; }
        public DateTimeOffset? AnonymisedAt { get; init; }
        public RetentionSetting AsSetting() => new(RetentionDays,
            WarnedAt is { } w ? DateOnly.FromDateTime(w.UtcDateTime) : null, AnonymisedAt is { } a ? DateOnly.FromDateTime(a.UtcDateTime) : null);
    }

    public async Task<RetentionSetting> GetAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await GetAsync(c, null, eventId);
    }

    public static async Task<RetentionSetting> GetAsync(IDbConnection c, IDbTransaction? tx, long eventId) =>
        (await c.QuerySingleOrDefaultAsync<Row>("SELECT retention_days, warned_at, anonymised_at FROM privacy_retention WHERE event_id = @eventId",
            new { eventId }, tx))?.AsSetting() ?? RetentionSetting.Default;

    /// <summary>
    /// Sets the period. A changed period clears the warning, so organisers are warned again for the new date (and
    /// the data waits a week from that warning); once anonymised, the data is gone and the date stays as it was.
    /// </summary>
    public Task<RetentionSetting> SetAsync(long eventId, int days, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO privacy_retention (event_id, retention_days, updated_at) VALUES (@eventId, @days, @now)
                ON CONFLICT (event_id) DO UPDATE SET
                    warned_at = CASE WHEN privacy_retention.retention_days = excluded.retention_days OR privacy_retention.anonymised_at IS NOT NULL
                                     THEN privacy_retention.warned_at END,
                    retention_days = excluded.retention_days, updated_at = excluded.updated_at
                """, new { eventId, days, now = clock.GetUtcNow() }, tx);
            return await GetAsync(c, tx, eventId);
        }, ct);

    public static Task MarkWarnedAsync(IDbConnection c, IDbTransaction tx, long eventId, int days, DateTimeOffset now) =>
        c.ExecuteAsync("""
            INSERT INTO privacy_retention (event_id, retention_days, warned_at, updated_at) VALUES (@eventId, @days, @now, @now)
            ON CONFLICT (event_id) DO UPDATE SET warned_at = excluded.warned_at
            """, new { eventId, days, now }, tx);

    public static Task MarkAnonymisedAsync(IDbConnection c, IDbTransaction tx, long eventId, int days, DateTimeOffset now) =>
        c.ExecuteAsync("""
            INSERT INTO privacy_retention (event_id, retention_days, anonymised_at, updated_at) VALUES (@eventId, @days, @now, @now)
            ON CONFLICT (event_id) DO UPDATE SET anonymised_at = excluded.anonymised_at
            """, new { eventId, days, now }, tx);
}
