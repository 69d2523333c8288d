using EventPlanner.Web.Data;
using Npgsql;

namespace EventPlanner.Bench.Running;

/// <summary>
/// The database a server runs on: a SQLite file in its data folder, or a PostgreSQL database that every node of the
/// server shares (issue 19). Knows the configuration the app needs for it.
/// </summary>
public sealed record AppDatabase(DbProvider Engine, string Location)
{
    public const string SqliteFileName = "eventplanner.db";

    public static AppDatabase SqliteIn(string dataDirectory) => new(DbProvider.Sqlite, Path.Combine(dataDirectory, SqliteFileName));

    public static AppDatabase Postgres(string connectionString) => new(DbProvider.Postgres, connectionString);

    public bool IsPostgres => Engine == DbProvider.Postgres;

    /// <summary>For messages and reports: the SQLite file, or host, port and database (never a password).</summary>
    public string Description
    {
        get
        {
            if (!IsPostgres) return Location;
            var b = new NpgsqlConnectionStringBuilder(Location);
            return $"postgres://{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <summary>
    /// The app's configuration for this database, as environment variables. On PostgreSQL as the multi-node tests run
    /// it: jobs in the database (Hangfire.PostgreSql, each job run by one node), the key ring in the database (a
    /// cookie from one node is good on the other). On SQLite nothing: the data folder says where the file is.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings => IsPostgres
        ? new Dictionary<string, string>
        {
            ["EventPlanner__Database__Provider"] = "postgres",
            ["ConnectionStrings__EventPlanner"] = Location,
            ["EventPlanner__DataProtection"] = "database",
            ["EventPlanner__Jobs__Storage"] = "database",
        }
        : new Dictionary<string, string>();
}
