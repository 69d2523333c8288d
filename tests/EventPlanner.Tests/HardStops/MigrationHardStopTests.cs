using System.Diagnostics;
using Dapper;
using EventPlanner.Tests.Data;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 during the first start's migration of an empty data folder, again and again at growing delays, then a
/// clean start: the app comes up healthy with every migration recorded and the same schema as a clean migration. On
/// PostgreSQL (the run's engine) the same on an empty database, where each script runs in its own transaction too.
/// </summary>
[Trait("Engine", "Both")]
[Collection(HardStopCollection.Name)]
public sealed class MigrationHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess? _app;

    [Fact]
    public async Task Killed_during_startup_migrations_the_app_then_starts_cleanly_with_the_whole_schema()
    {
        var dir = data.EmptyDirectory("migrate");
        var site = new HardStopSite(dir, TestPostgres.HostsRunOnPostgres ? data.EmptyPostgresDatabase() : null);
        var settings = site.Settings();
        var embedded = MigrationRunner.EmbeddedFor(site.OnPostgres ? DbProvider.Postgres : DbProvider.Sqlite);
        var total = embedded.Count;
        int kills = 0, midMigration = 0, complete = 0;
        var watch = Stopwatch.StartNew();
        // Kills at every stage of a first start: 100 ms after the launch (the runtime starting); the moment the
        // database file appears (its first open: journal mode, the schema_migrations table); then each start killed the
        // moment it logs "Applied migration" (from the thread reading its output), so the kill lands in the next
        // migrations, each start going on from where the last one stopped; until a kill finds every migration
        // recorded (twice), or 40 kills.
        var applied = -1;
        while (complete < 2 && kills < 40 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            string when;
            if (kills == 0)
            {
                _app = AppProcess.Launch(dir, settings);
                await Task.Delay(100);
                when = "100 ms after launch";
            }
            // SQLite only: a PostgreSQL database exists before the app starts.
            else if (kills == 1 && !site.OnPostgres && !File.Exists(HardStopDb.PathIn(dir)))
            {
                _app = AppProcess.Launch(dir, settings);
                var app = _app;
                var watcher = new Thread(() =>
                {
                    var limit = Stopwatch.StartNew();
                    while (!File.Exists(HardStopDb.PathIn(dir)) && !app.HasExited && limit.Elapsed < AppProcess.StartTimeout) Thread.Yield();
                    app.Kill();
                }) { IsBackground = true };
                watcher.Start();
                Assert.True(watcher.Join(AppProcess.StartTimeout + TimeSpan.FromSeconds(20)), "The database file watcher did not finish.");
                when = "as the database file appeared";
            }
            else
            {
                var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _app = AppProcess.Launch(dir, settings, onLine: (app, line) =>
                {
                    if (!line.Contains("Applied migration", StringComparison.Ordinal)) return;
                    app.Kill();
                    logged.TrySetResult();
                });
                // A start with nothing left to migrate logs no such line: kill it once it is up instead.
                var healthy = _app.WaitUntilHealthyAsync(AppProcess.StartTimeout);
                _ = healthy.ContinueWith(t => t.Exception, TaskScheduler.Default); // it fails once the kill lands: expected
                await Task.WhenAny(logged.Task, healthy);
                when = logged.Task.IsCompleted ? "at its first \"Applied migration\" line" : "once healthy (nothing left to migrate)";
            }
            var exitedByItself = _app.HasExited && !_app.Killed;
            await _app.DisposeAsync();
            Assert.False(exitedByItself, "The app exited by itself during start-up (before the kill): " + _app.Output());
            _app = null;
            kills++;
            applied = AppliedCount(site);
            if (applied == total) complete++;
            else if (applied > 0) midMigration++;
            output.WriteLine($"kill {kills,2} {when}: {applied switch { -1 => "no schema_migrations table yet", -2 => "unreadable without recovery", _ => $"{applied} of {total} migrations recorded" }}");
        }

        _app = await site.StartAsync();
        using var health = await _app.Http.GetAsync("healthz");
        output.WriteLine($"kills: {kills}; landed between migrations: {midMigration}; after all migrations: {complete}; then a clean start, /healthz {(int)health.StatusCode}");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(embedded.Select(m => m.Version), site.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
        if (site.OnPostgres)
        {
            // The migrated template is an uninterrupted migration of an empty database by the same runner.
            var reference = TemplateDatabase.CreatePostgresCopy();
            try
            {
                Assert.Equal(await PostgresSchemaAsync(reference), await PostgresSchemaAsync(site.Database!));
            }
            finally
            {
                TestPostgres.DropDatabase(reference);
            }
        }
        else
        {
            Assert.Equal("ok", HardStopDb.Scalar<string>(dir, "PRAGMA integrity_check"));
            Assert.Equal("wal", HardStopDb.Scalar<string>(dir, "PRAGMA journal_mode"));
            Assert.Equal(await ReferenceSchemaAsync(), Schema(HardStopDb.PathIn(dir)));
        }
        // The start that completed is a usable first start: it offers the one-time set-up link.
        Assert.Contains("/setup?token=", _app.Output());
    }

    /// <summary>Recorded migrations; -1 before the table (or the file) exists, -2 when a read-only look cannot tell (a hot journal).</summary>
    private static int AppliedCount(HardStopSite site)
    {
        if (site.OnPostgres)
        {
            return site.Scalar<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL")
                ? site.Scalar<int>("SELECT COUNT(*) FROM schema_migrations")
                : -1;
        }
        var dir = site.Directory;
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

    private static async Task<IReadOnlyList<string>> PostgresSchemaAsync(string database)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(database)) { Pooling = false }.ToString());
        await c.OpenAsync();
        return await SchemaCatalogue.PostgresAsync(c);
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
