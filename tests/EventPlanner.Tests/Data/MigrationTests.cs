using System.Data.Common;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Data;

/// <summary>
/// The runner on an empty database of the run's engine (<see cref="TestPostgres.HostsRunOnPostgres"/>) with that
/// engine's scripts: every script recorded in order, data kept across a later migration, a failing script rolled back
/// whole (DDL is transactional on both engines), and a database newer than the code refused.
/// </summary>
[Trait("Engine", "Both")]
public sealed class MigrationTests : IDisposable
{
    private static readonly bool Postgres = TestPostgres.HostsRunOnPostgres;
    private readonly string? _database = Postgres ? TestPostgres.CreateDatabase("ep_migrations") : null;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
    private readonly Db _db;
    private readonly MigrationRunner _runner;
    private readonly IReadOnlyList<Migration> _embedded;

    public MigrationTests()
    {
        SqlTypeHandlers.Register();
        var settings = new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = _dir };
        if (_database is not null)
        {
            settings["EventPlanner:Database:Provider"] = "postgres";
            settings["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(_database);
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _db = new Db(new DataPaths(config, new HostingEnvironment { ContentRootPath = Path.GetTempPath() }), config);
        _runner = new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance);
        _embedded = MigrationRunner.EmbeddedFor(_db.Provider);
    }

    [Fact]
    public async Task Empty_database_gets_every_migration_recorded_in_order()
    {
        var applied = await _runner.MigrateAsync();

        Assert.Equal(_embedded.Count, applied);
        await using var c = await _db.OpenAsync();
        var versions = (await c.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(_embedded.Select(m => m.Version), versions);
        Assert.Equal(0, await _runner.MigrateAsync()); // a second start finds every script done
        if (!Postgres)
        {
            // The file settings the runner makes on SQLite (a connection setting on PostgreSQL, nothing to check).
            Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
        }
    }

    [Fact]
    public async Task Existing_database_keeps_its_data_and_only_gets_new_migrations()
    {
        var first = _embedded.Take(1).ToList();
        await _runner.MigrateAsync(first);
        await using (var c = await _db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO site_settings (key, value) VALUES ('kept', 'yes')");
        }
        var next = new Migration(9001, "test_addition", "CREATE TABLE test_addition (id BIGINT PRIMARY KEY);");

        var applied = await _runner.MigrateAsync([.. first, next]);

        Assert.Equal(1, applied);
        await using var check = await _db.OpenAsync();
        Assert.Equal("yes", await check.ExecuteScalarAsync<string>("SELECT value FROM site_settings WHERE key = 'kept'"));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM test_addition"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_is_not_recorded()
    {
        var bad = new Migration(9002, "broken", "CREATE TABLE half_done (id BIGINT); THIS IS NOT SQL;");

        var error = await Assert.ThrowsAnyAsync<DbException>(() => _runner.MigrateAsync([.. _embedded, bad]));

        Assert.IsType(Postgres ? typeof(Npgsql.PostgresException) : typeof(SqliteException), error);
        await using var c = await _db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = 9002"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>(Postgres
            ? "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'half_done'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
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
        if (_database is not null) TestPostgres.DropDatabase(_database);
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
