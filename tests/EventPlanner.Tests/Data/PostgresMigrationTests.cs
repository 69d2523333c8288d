using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventPlanner.Tests.Data;

/// <summary>
/// MigrationTests' runner behaviours on an empty PostgreSQL database with the PostgreSQL scripts: every script recorded in
/// order, data kept across a later migration, a failing script rolled back whole (PostgreSQL's DDL is transactional too),
/// and a database newer than the code refused.
/// </summary>
[Trait("Engine", "Postgres")] // its own PostgreSQL database whatever the hosts run on: the PostgreSQL pass runs it
public sealed class PostgresMigrationTests : IDisposable
{
    private readonly string _database = TestPostgres.CreateDatabase("ep_migrations");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
    private readonly Db _db;
    private readonly MigrationRunner _runner;

    public PostgresMigrationTests()
    {
        SqlTypeHandlers.Register();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = _dir,
            ["EventPlanner:Database:Provider"] = "postgres",
            ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(_database),
        }).Build();
        _db = new Db(new DataPaths(config, new HostingEnvironment { ContentRootPath = Path.GetTempPath() }), config);
        _runner = new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance);
    }

    [Fact]
    public async Task Empty_database_gets_every_postgres_migration_recorded_in_order()
    {
        var applied = await _runner.MigrateAsync();

        Assert.Equal(MigrationRunner.EmbeddedPostgres.Count, applied);
        await using var c = await _db.OpenAsync();
        var versions = (await c.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationRunner.EmbeddedPostgres.Select(m => m.Version), versions);
        Assert.Equal(0, await _runner.MigrateAsync()); // a second start finds every script done
    }

    [Fact]
    public async Task Existing_database_keeps_its_data_and_only_gets_new_migrations()
    {
        var first = MigrationRunner.EmbeddedPostgres.Take(1).ToList();
        await _runner.MigrateAsync(first);
        await using (var c = await _db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO site_settings (key, value) VALUES ('kept', 'yes')");
        }
        var next = new Migration(9001, "test_addition", "CREATE TABLE test_addition (id BIGINT PRIMARY KEY);");

        Assert.Equal(1, await _runner.MigrateAsync([.. first, next]));

        await using var check = await _db.OpenAsync();
        Assert.Equal("yes", await check.ExecuteScalarAsync<string>("SELECT value FROM site_settings WHERE key = 'kept'"));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM test_addition"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_is_not_recorded()
    {
        var bad = new Migration(9002, "broken", "CREATE TABLE half_done (id BIGINT); THIS IS NOT SQL;");

        await Assert.ThrowsAsync<PostgresException>(() => _runner.MigrateAsync([.. MigrationRunner.EmbeddedPostgres, bad]));

        await using var c = await _db.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = 9002"));
        Assert.Null(await c.ExecuteScalarAsync<string?>("SELECT to_regclass('half_done')::text"));
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
        TestPostgres.DropDatabase(_database);
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
