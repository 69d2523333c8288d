using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>Migration 0007 rebuilds the notifications table so user_id may be null, keeping rows, columns and indexes.</summary>
[Trait("Engine", "SqliteOnly")] // 0007 rebuilds SQLite's notifications table and copies its rows; the PostgreSQL twin only drops a NOT NULL in place, moving no rows
public sealed class OutboxAddressMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
    private readonly Db _db;
    private readonly MigrationRunner _runner;

    public OutboxAddressMigrationTests()
    {
        SqlTypeHandlers.Register();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = _dir }).Build();
        _db = new Db(new DataPaths(config, new Environment()));
        _runner = new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance);
    }

    [Fact]
    public async Task Rows_written_before_the_rebuild_are_kept_and_an_address_only_row_fits_after_it()
    {
        await _runner.MigrateAsync(MigrationRunner.Embedded.Where(m => m.Version < 7).ToList());
        string Columns(System.Data.Common.DbConnection c) => string.Join(",", c.Query<string>("SELECT name FROM pragma_table_info('notifications') ORDER BY cid"));
        string before;
        await using (var c = await _db.OpenAsync())
        {
            before = Columns(c);
            await c.ExecuteAsync("""
                INSERT INTO users (id, email, normalized_email, display_name, security_stamp, concurrency_stamp, created_at)
                VALUES (7, 'kept@example.org', 'KEPT@EXAMPLE.ORG', 'Kept', 's', 'c', '2026-01-01T00:00:00.0000000Z');
                INSERT INTO notifications (id, dedupe_key, kind, user_id, to_address, to_name, payload, subject, body, message_id, unsubscribe_token,
                                           in_inbox, state, attempts, next_attempt_at, created_at, updated_at, read_at)
                VALUES (41, 'kept:1', 'team-role-granted', 7, 'kept@example.org', 'Kept', '{"a":"b"}', 'Subject', 'Body', 'm41@localhost', 'unsub41',
                        1, 'sent', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', '2026-01-02T00:00:00.0000000Z', '2026-01-03T00:00:00.0000000Z');
                """);
        }

        Assert.Equal(1, await _runner.MigrateAsync(MigrationRunner.Embedded.Where(m => m.Version <= 7).ToList())); // 0007 alone, whatever came later

        await using var check = await _db.OpenAsync();
        Assert.Equal(before, Columns(check));
        var kept = await check.QuerySingleAsync<(long UserId, string Payload, string Unsubscribe, string State, string ReadAt)>(
            "SELECT user_id, payload, unsubscribe_token, state, read_at FROM notifications WHERE id = 41");
        Assert.Equal((7L, """{"a":"b"}""", "unsub41", "sent", "2026-01-03T00:00:00.0000000Z"), kept);
        Assert.Equal(["ix_notifications_due", "ix_notifications_event", "ix_notifications_inbox", "ix_notifications_lease"],
            await check.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'notifications' AND sql IS NOT NULL ORDER BY name"));
        Assert.Empty(await check.QueryAsync("PRAGMA foreign_key_check"));
        await check.ExecuteAsync("""
            INSERT INTO notifications (dedupe_key, kind, user_id, to_address, to_name, payload, subject, body, message_id, in_inbox, state, next_attempt_at, created_at, updated_at)
            VALUES ('address:1', 'transfer-offered', NULL, 'friend@example.org', 'Friend', '{}', 's', 'b', 'm42@localhost', 0, 'pending', 'x', 'x', 'x')
            """);
        // The user's rows still go with the user.
        await check.ExecuteAsync("DELETE FROM users WHERE id = 7");
        Assert.Equal(["address:1"], await check.QueryAsync<string>("SELECT dedupe_key FROM notifications"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "EventPlanner.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
