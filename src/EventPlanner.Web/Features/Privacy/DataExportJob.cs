using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// Builds a large export into a file and mails its owner the link. The job argument is the export's id only; the
/// link's token is made here, when the file is ready, and only its hash is stored. Idempotent: a run that finds the
/// export no longer building does nothing. Also removes expired export files.
/// </summary>
public sealed class DataExportJob(Db db, TimeProvider clock, PersonalDataExporter exporter, ExportFiles files, Outbox outbox)
{
    public const string SweepId = "privacy-export-sweep";
    public const string SweepSchedule = "17 * * * *";

    [AutomaticRetry(Attempts = 3)]
    public async Task BuildAsync(long exportId, CancellationToken ct)
    {
        long userId;
        await using (var c = await db.OpenAsync(ct))
        {
            var owner = await c.ExecuteScalarAsync<long?>("SELECT user_id FROM privacy_exports WHERE id = @exportId AND state = 'building'", new { exportId });
            if (owner is not { } u) return;
            userId = u;
        }
        if (await exporter.BuildAsync(userId, ct) is not { } file) return; // the account went meanwhile (and its export row with it)
        var name = await files.WriteAsync(PersonalDataExporter.Serialise(file), ct);
        var token = DataExports.NewToken();
        var now = clock.GetUtcNow();
        var expires = now + DataExports.LinkLifetime;
        var queued = await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            var changed = await c.ExecuteAsync("""
                UPDATE privacy_exports SET state = 'ready', file_name = @name, token_hash = @hash, expires_at = @expires
                WHERE id = @exportId AND state = 'building'
                """, new { exportId, name, hash = DataExports.Hash(token), expires }, tx);
            if (changed == 0) return false;
            await notices.AddAsync(c, tx, new NotificationRequest($"privacy-export-ready:{exportId}", PrivacyNotificationKinds.ExportReady.Name, userId, null,
                new Dictionary<string, string>
                {
                    ["download_link"] = $"/api/me/personal-data/{token}",
                    ["expires"] = expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC",
                }));
            return true;
        }, ct);
        if (!queued) files.Delete(name);
    }

    /// <summary>Hourly: expired exports lose their file and row.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.WriteAsync(async (c, tx) =>
        {
            var rows = (await c.QueryAsync<string?>("SELECT file_name FROM privacy_exports WHERE expires_at <= @now", new { now }, tx)).AsList();
            await c.ExecuteAsync("DELETE FROM privacy_exports WHERE expires_at <= @now", new { now }, tx);
            return rows;
        }, ct);
        foreach (var name in expired) if (name is not null) files.Delete(name);
        return expired.Count;
    }
}
