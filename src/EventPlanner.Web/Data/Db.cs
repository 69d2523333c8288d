using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventPlanner.Web.Data;

/// <summary>
/// The one way to reach the app database: a new pooled connection per call, and writes as short transactions.
/// On SQLite (the default) each connection has foreign keys on and a busy timeout, and a write is BEGIN IMMEDIATE,
/// so two writers queue instead of failing half way with SQLITE_BUSY. On PostgreSQL
/// (<c>EventPlanner:Database:Provider = postgres</c>, <c>ConnectionStrings:EventPlanner</c>) a write is READ
/// COMMITTED: an invariant that a read-then-write check guards must then hold by a constraint, a guarded update or
/// <see cref="LockEventAsync"/>, because several writers really do run at once there.
/// </summary>
public sealed class Db
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _countingSource;

    public Db(DataPaths paths, IConfiguration? configuration = null)
    {
        CountQueries = configuration?.GetValue("EventPlanner:Diagnostics:CountQueries", false) ?? false;
        Provider = DbProviders.Parse(configuration?["EventPlanner:Database:Provider"]);
        Dialect = SqlDialect.For(Provider);
        if (Provider == DbProvider.Postgres)
        {
            _connectionString = configuration?.GetConnectionString("EventPlanner") is { Length: > 0 } cs
                ? cs
                : throw new InvalidOperationException(
                    "EventPlanner:Database:Provider is postgres, but ConnectionStrings:EventPlanner is empty.");
            var builder = WithPoolDefaults(_connectionString);
            _connectionString = builder.ToString();
            DatabasePath = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
            // Half the pool for write transactions: readers and the job server (same pool) always find the other half.
            Gates = new WriteGates(Math.Max(2, builder.MaxPoolSize / 2));
            if (CountQueries) _countingSource = QueryTally.CountingDataSource(_connectionString);
            return;
        }
        // SQLite's pool has no cap and BEGIN IMMEDIATE makes writers serial anyway: queueing in memory beats
        // polling the busy timeout, and the per-event gate behaves as on PostgreSQL.
        Gates = new WriteGates(64);
        DatabasePath = paths.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = paths.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public DbProvider Provider { get; }

    /// <summary>The in-process queues writers pass before they take a connection (see <see cref="WriteGates"/>).</summary>
    public WriteGates Gates { get; }

    /// <summary>The pool size a node gets when its connection string names none: two nodes and a psql session still
    /// fit under PostgreSQL's default max_connections (100). Npgsql's own default, 100, is a whole server's worth.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>Seconds to wait for a pooled connection when the connection string names no Timeout (Npgsql: 15).</summary>
    public const int DefaultConnectTimeout = 30;

    /// <summary>The connection string with <see cref="DefaultMaxPoolSize"/> and <see cref="DefaultConnectTimeout"/> where it names none.</summary>
    public static NpgsqlConnectionStringBuilder WithPoolDefaults(string connectionString)
    {
        // A plain builder keeps only the keys written (case-blind); Npgsql's would report its defaults as set.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Names(params string[] keys) => keys.Any(written.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names("Maximum Pool Size", "MaxPoolSize")) builder.MaxPoolSize = DefaultMaxPoolSize;
        if (!Names("Timeout", "Connect Timeout", "Connection Timeout")) builder.Timeout = DefaultConnectTimeout;
        return builder;
    }

    /// <summary>The few SQL spellings that differ between the engines; features build their own seams on it.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Where the data is, for messages: the SQLite file, or the PostgreSQL host and database.</summary>
    public string DatabasePath { get; }

    public string ConnectionString => _connectionString;

    /// <summary>Whether statements are counted per request (see <see cref="QueryTally"/>).</summary>
    public bool CountQueries { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (Provider == DbProvider.Postgres)
        {
            // Npgsql pools by connection string; READ COMMITTED is the server's default isolation.
            if (_countingSource is not null) return await _countingSource.OpenConnectionAsync(ct);
            var pg = new NpgsqlConnection(_connectionString);
            await pg.OpenAsync(ct);
            return pg;
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // Attach before the pragmas so they count on a fresh connection as they do on a pooled one
        // (the hook stays on a pooled connection): the same request then always counts the same.
        if (CountQueries) QueryTally.Attach(connection);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>Opens a connection for <paramref name="read"/> and closes it after: the reads that need no transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await read(connection);
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, IDbTransaction, Task<T>> work, CancellationToken ct = default) =>
        WriteCoreAsync(null, work, ct);

    public Task WriteAsync(Func<DbConnection, IDbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async (c, tx) => { await work(c, tx); return true; }, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction that first takes the event's lock
    /// (<see cref="LockEventAsync"/>), after waiting in this process's queue for the event, without a connection
    /// (see <see cref="WriteGates"/>): the way for every write that must be the event's only writer.
    /// </summary>
    public Task<T> WriteLockedAsync<T>(long eventId, Func<DbConnection, IDbTransaction, Task<T>> work, CancellationToken ct = default) =>
        WriteCoreAsync(eventId, work, ct);

    public Task WriteLockedAsync(long eventId, Func<DbConnection, IDbTransaction, Task> work, CancellationToken ct = default) =>
        WriteLockedAsync<bool>(eventId, async (c, tx) => { await work(c, tx); return true; }, ct);

    private async Task<T> WriteCoreAsync<T>(long? eventId, Func<DbConnection, IDbTransaction, Task<T>> work, CancellationToken ct)
    {
        using var pass = await Gates.WaitAsync(eventId, ct);
        pass.Enter();
        await using var connection = await OpenAsync(ct);
        // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a non-deferred transaction: the write lock is taken up
        // front, so checks made inside the transaction still hold at commit. PostgreSQL writers run side by side
        // under READ COMMITTED; what must be serial takes a lock (LockEventAsync) or is a constraint.
        var isolation = Provider == DbProvider.Postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable;
        await using var tx = await connection.BeginTransactionAsync(isolation, ct);
        if (eventId is { } id) await LockEventAsync(connection, tx, id);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// A read-only transaction whose reads all see one snapshot: a deferred transaction on SQLite (no write lock; WAL
    /// gives it a snapshot at its first read), REPEATABLE READ on PostgreSQL.
    /// </summary>
    public async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct = default) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    /// <summary>
    /// Makes the rest of the transaction the only writer of one event's guarded rows (quota, slots, queues): on
    /// PostgreSQL a transaction-scoped advisory lock on the event id, released at commit or rollback, so different
    /// events still write in parallel. SQLite's BEGIN IMMEDIATE already made the whole transaction serial.
    /// </summary>
    public Task LockEventAsync(IDbConnection c, IDbTransaction tx, long eventId) => Dialect.LockEventAsync(c, tx, eventId);
}
