using EventPlanner.Web.Data;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Npgsql;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Where Hangfire keeps its jobs (<c>EventPlanner:Jobs:Storage</c>). <c>database</c> (the default) follows the app's
/// engine: db/jobs.db beside a SQLite database (one node), or the schema <see cref="PostgresSchema"/> of the app's
/// PostgreSQL database, which every node shares, so a queued job runs on exactly one node's server and recurring jobs
/// live once. <c>memory</c> is for test hosts that never restart. <c>sqlite</c> (the old default) still means jobs.db,
/// and is refused beside PostgreSQL: each node would keep jobs of its own and run every recurring job itself.
/// </summary>
public static class JobStores
{
    public const string PostgresSchema = "hangfire";

    /// <summary>Any 64-bit number no other advisory lock of ours uses (event locks take event ids, which stay far below it).</summary>
    private const long InstallLockKey = 0x4550_4A4F_4253; // "EPJOBS"

    public static JobStorage Create(IConfiguration configuration, Db db, DataPaths paths)
    {
        var configured = (configuration["EventPlanner:Jobs:Storage"] ?? "database").Trim().ToLowerInvariant();
        return configured switch
        {
            "memory" => new InMemoryStorage(),
            "database" when db.Provider == DbProvider.Postgres => Postgres(db.ConnectionString),
            "database" or "sqlite" when db.Provider == DbProvider.Sqlite => new SQLiteStorage(Path.Combine(paths.Root, "jobs.db"), new SQLiteStorageOptions
            {
                // Hangfire polls its queue; this is what keeps a kicked notification within a second.
                QueuePollInterval = TimeSpan.FromMilliseconds(250),
            }),
            "sqlite" => throw new InvalidOperationException(
                "EventPlanner:Jobs:Storage is 'sqlite' but the database is PostgreSQL: use 'database' so every node shares one job store."),
            _ => throw new InvalidOperationException(
                $"EventPlanner:Jobs:Storage is '{configured}'; use 'database' (the default) or 'memory'."),
        };
    }

    private static PostgreSqlStorage Postgres(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            // Installed below, under our lock, rather than by each storage instance as it is made.
            PrepareSchemaIfNecessary = false,
            // A kicked notification should leave within a second, as on SQLite; every worker of every node polls this often.
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
        };
        InstallSchema(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// Hangfire's own migrator, run by one node at a time: nodes started together would otherwise race to create the same
    /// schema and tables. A session-level advisory lock, released when the connection closes even if the install throws.
    /// </summary>
    private static void InstallSchema(string connectionString)
    {
        // Unpooled: the lock must not outlive this connection in a pool.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", InstallLockKey);
            lockCommand.ExecuteNonQuery();
        }
        PostgreSqlObjectsInstaller.Install(connection, PostgresSchema);
    }
}
