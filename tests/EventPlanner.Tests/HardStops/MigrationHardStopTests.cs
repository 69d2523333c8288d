using System.Diagnostics;
using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 during the first start's migration of an empty data folder, again and again at growing delays, then a
/// clean start: the app comes up healthy with every migration recorded and the same schema as a clean migration.
/// </summary>
[Collection(HardStopCollection.Name)]
public sealed class MigrationHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess? _app;

    [Fact]
    public async Task Killed_during_startup_migrations_the_app_then_starts_cleanly_with_the_whole_schema()
    {
        var dir = data.EmptyDirectory("migrate");
        var total = MigrationRunner.Embedded.Count;
        int kills = 0, midMigration = 0, complete = 0;
        var delay = 150;
        var watch = Stopwatch.StartNew();
        // Growing delays from the launch: the early ones land in the runtime's start, later ones in the migrations.
        // Stop after two kills that found every migration applied (past the migrations), or after 25 kills.
        while (complete < 2 && kills < 25 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            _app = AppProcess.Launch(dir);
            await Task.Delay(delay);
            var exitedEarly = _app.HasExited;
            _app.Kill();
            await _app.DisposeAsync();
            Assert.False(exitedEarly, "The app exited by itself during start-up (before the kill): " + _app.Output());
            _app = null;
            kills++;
            var applied = AppliedCount(dir);
            if (applied == total) complete++;
            else if (applied > 0) midMigration++;
            output.WriteLine($"kill {kills,2} at {delay,5} ms after launch: {applied switch { -1 => "no schema_migrations table yet", -2 => "unreadable without recovery", _ => $"{applied} of {total} migrations recorded" }}");
            delay += delay < 600 ? 50 : 150;
        }

        _app = await AppProcess.StartAsync(dir);
        using var health = await _app.Http.GetAsync("healthz");
        output.WriteLine($"kills: {kills}; landed between migrations: {midMigration}; after all migrations: {complete}; then a clean start, /healthz {(int)health.StatusCode}");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version),
            HardStopDb.Query<int>(dir, "SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal("ok", HardStopDb.Scalar<string>(dir, "PRAGMA integrity_check"));
        Assert.Equal("wal", HardStopDb.Scalar<string>(dir, "PRAGMA journal_mode"));
        Assert.Equal(await ReferenceSchemaAsync(), Schema(HardStopDb.PathIn(dir)));
        // The start that completed is a usable first start: it offers the one-time set-up link.
        Assert.Contains("/setup?token=", _app.Output());
    }

    /// <summary>Recorded migrations; -1 before the table (or the file) exists, -2 when a read-only look cannot tell (a hot journal).</summary>
    private static int AppliedCount(string dir)
    {
        if (!File.Exists(HardStopDb.PathIn(dir))) return -1;
        try
        {
            using var c = HardStopDb.Open(HardStopDb.PathIn(dir));
            var exists = c.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
            return exists == 0 ? -1 : c.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations");
        }
        catch (SqliteException)
        {
            return -2;
        }
    }

    private static List<string> Schema(string databasePath)
    {
        using var c = HardStopDb.Open(databasePath, readOnly: false);
        return c.Query<string>("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").AsList();
    }

    /// <summary>The schema of an uninterrupted migration of an empty database, by the same runner in this process.</summary>
    private async Task<List<string>> ReferenceSchemaAsync()
    {
        var dir = data.EmptyDirectory("reference");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = dir }).Build();
        var db = new Db(new DataPaths(configuration, new HostingEnvironment { ContentRootPath = dir }));
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        SqliteConnection.ClearAllPools();
        return Schema(db.DatabasePath);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
