using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// Where one hard-stop test's app process keeps its data: a data folder, and on PostgreSQL also its own database
/// (<paramref name="database"/>; null on SQLite, where the database is the folder's file). The process is pointed at it
/// by environment variables (<see cref="Settings"/>); the test reads it with its own connections, never the app's.
/// </summary>
public sealed class HardStopSite(string directory, string? database)
{
    public string Directory { get; } = directory;
    public string? Database { get; } = database;
    public bool OnPostgres => Database is not null;

    /// <summary>The SQL spellings of the site's engine (a list parameter is an array on PostgreSQL: <c>= ANY(...)</c>).</summary>
    public SqlDialect Dialect => OnPostgres ? SqlDialect.Postgres : SqlDialect.Sqlite;

    /// <summary>The app process's environment: <paramref name="extra"/> plus, on PostgreSQL, the engine and connection string.</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>());
        if (Database is { } name)
        {
            settings["EventPlanner__Database__Provider"] = "postgres";
            settings["ConnectionStrings__EventPlanner"] = TestPostgres.ConnectionStringFor(name);
        }
        return settings;
    }

    public Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string>? extra = null) => AppProcess.StartAsync(Directory, Settings(extra));

    public T Scalar<T>(string sql, object? parameters = null)
    {
        if (!OnPostgres) return HardStopDb.Scalar<T>(Directory, sql, parameters);
        using var c = OpenPostgres();
        return c.ExecuteScalar<T>(sql, parameters)!;
    }

    public List<T> Query<T>(string sql, object? parameters = null)
    {
        if (!OnPostgres) return HardStopDb.Query<T>(Directory, sql, parameters);
        using var c = OpenPostgres();
        return c.Query<T>(sql, parameters).AsList();
    }

    // Unpooled, so no connection of the test's lingers on the database when it is dropped.
    private NpgsqlConnection OpenPostgres()
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(Database!)) { Pooling = false }.ToString());
        c.Open();
        return c;
    }

    /// <summary>
    /// The app's stores over this site, wired as the app wires them (data, notifications, webhooks; jobs in memory, no
    /// server), to write what a test needs before the process starts. Call <see cref="SettleAsync"/> after.
    /// </summary>
    public ServiceProvider CreateServices()
    {
        var values = new Dictionary<string, string?>
        {
            ["EventPlanner:DataDirectory"] = Directory,
            ["EventPlanner:Jobs:Storage"] = "memory",
            ["EventPlanner:Jobs:Server"] = "false",
        };
        if (Database is { } name)
        {
            values["EventPlanner:Database:Provider"] = "postgres";
            values["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(name);
        }
        return AppStores.Services(values, Directory, "EventPlanner.Tests").BuildServiceProvider();
    }

    /// <summary>Leaves the database to the app process: on SQLite the WAL folded into the file and our pool closed.</summary>
    public async Task SettleAsync(Db db)
    {
        if (OnPostgres)
        {
            using var pooled = new NpgsqlConnection(db.ConnectionString);
            NpgsqlConnection.ClearPool(pooled);
            return;
        }
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
    }
}
