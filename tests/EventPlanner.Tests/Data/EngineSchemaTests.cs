using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Data;

/// <summary>
/// Both engines end at the same schema: a fresh SQLite file and a fresh PostgreSQL database, each migrated by the real
/// runner with its own scripts, compared through their catalogues (<see cref="SchemaCatalogue"/>).
/// </summary>
[Trait("Engine", "Both")] // it migrates a SQLite file and a PostgreSQL database itself, whatever the pass
public sealed class EngineSchemaTests : IDisposable
{
    private readonly MigrationDatabase _sqlite = new();
    private readonly string _postgres = TestPostgres.CreateDatabase("ep_schema");

    [Fact]
    public async Task A_fresh_SQLite_and_a_fresh_PostgreSQL_database_have_the_same_tables_columns_keys_and_indexes()
    {
        await _sqlite.Runner.MigrateAsync();
        var postgres = PostgresDb();
        await new MigrationRunner(postgres, NullLogger<MigrationRunner>.Instance).MigrateAsync();

        IReadOnlyList<string> onSqlite, onPostgres;
        await using (var c = await _sqlite.Db.OpenAsync()) onSqlite = await SchemaCatalogue.SqliteAsync(c);
        await using (var c = await postgres.OpenAsync()) onPostgres = await SchemaCatalogue.PostgresAsync(c);

        // A comparison of two empty lists would prove nothing: both must describe the real schema.
        Assert.Contains("column tickets.holder_user_id integer not null", onSqlite);
        Assert.Contains("unique tickets (secret)", onSqlite);
        var missingOnPostgres = onSqlite.Except(onPostgres).ToList();
        var extraOnPostgres = onPostgres.Except(onSqlite).ToList();
        Assert.True(missingOnPostgres.Count == 0 && extraOnPostgres.Count == 0,
            $"The engines' schemas differ.\nOnly on SQLite:\n  {string.Join("\n  ", missingOnPostgres)}\nOnly on PostgreSQL:\n  {string.Join("\n  ", extraOnPostgres)}");
    }

    [Fact]
    public async Task A_column_that_differs_between_the_engines_is_reported()
    {
        // The comparison itself must be able to fail: drop NOT NULL from one PostgreSQL column and it names that column.
        await _sqlite.Runner.MigrateAsync();
        var postgres = PostgresDb();
        await new MigrationRunner(postgres, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        await using var c = await postgres.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(c, "ALTER TABLE tickets ALTER COLUMN badge_name DROP NOT NULL");

        IReadOnlyList<string> onSqlite;
        await using (var s = await _sqlite.Db.OpenAsync()) onSqlite = await SchemaCatalogue.SqliteAsync(s);
        var onPostgres = await SchemaCatalogue.PostgresAsync(c);

        Assert.Equal(["column tickets.badge_name text not null"], onSqlite.Except(onPostgres));
        Assert.Equal(["column tickets.badge_name text null"], onPostgres.Except(onSqlite));
    }

    private Db PostgresDb()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = _sqlite.Directory + "-pg",
            ["EventPlanner:Database:Provider"] = "postgres",
            ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(_postgres),
        }).Build();
        return new Db(new DataPaths(config, new HostingEnvironment { ContentRootPath = Path.GetTempPath() }), config);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        TestPostgres.DropDatabase(_postgres);
        try { Directory.Delete(_sqlite.Directory + "-pg", true); } catch (IOException) { }
    }
}
