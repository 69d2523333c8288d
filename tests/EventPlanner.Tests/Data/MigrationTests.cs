using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Data;

// SQLite-only: the runner on SQLite files with SQLite's errors; PostgresMigrationTests is its PostgreSQL twin (issue 19)
public sealed class MigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
    private readonly Db _db;
    private readonly MigrationRunner _runner;

    public MigrationTests()
    {
        SqlTypeHandlers.Register();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = _dir }).Build();
        _db = new Db(new DataPaths(config, new FakeEnvironment()));
        _runner = new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance);
    }

    [Fact]
    public async Task Empty_database_gets_every_migration_recorded_in_order()
    {
        var applied = await _runner.MigrateAsync();

        Assert.Equal(MigrationRunner.Embedded.Count, applied);
        await using var c = await _db.OpenAsync();
        var versions = (await c.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version), versions);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task Existing_database_keeps_its_data_and_only_gets_new_migrations()
    {
        var first = MigrationRunner.Embedded.Take(1).ToList();
        await _runner.MigrateAsync(first);
        await using (var c = await _db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO site_settings (key, value) VALUES ('kept', 'yes')");
        }
        var next = new Migration(9001, "test_addition", "CREATE TABLE test_addition (id INTEGER PRIMARY KEY);");

        var applied = await _runner.MigrateAsync([.. first, next]);

        Assert.Equal(1, applied);
        await using var check = await _db.OpenAsync();
        Assert.Equal("yes", await check.ExecuteScalarAsync<string>("SELECT value FROM site_settings WHERE key = 'kept'"));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM test_addition"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_is_not_recorded()
    {
        var bad = new Migration(9002, "broken", "CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;");

        await Assert.ThrowsAsync<SqliteException>(() => _runner.MigrateAsync([.. MigrationRunner.Embedded, bad]));

        await using var c = await _db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = 9002"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused_with_a_clear_message()
    {
        await _runner.MigrateAsync();
        await using (var c = await _db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', '2030-01-01T00:00:00Z')");
        }

        var error = await Assert.ThrowsAsync<DatabaseTooNewException>(() => _runner.MigrateAsync());

        Assert.Contains("schema version 9999", error.Message);
        Assert.Contains("newer EventPlanner", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "EventPlanner.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
