using System.Data;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Web.Data;

/// <summary>
/// The one way to reach the app database: a new pooled connection per call, with foreign keys on
/// and a busy timeout, and writes as short BEGIN IMMEDIATE transactions so that two writers queue
/// instead of failing half way with SQLITE_BUSY.
/// </summary>
public sealed class Db
{
    private readonly string _connectionString;

    public Db(DataPaths paths, IConfiguration? configuration = null)
    {
        CountQueries = configuration?.GetValue("EventPlanner:Diagnostics:CountQueries", false) ?? false;
        DatabasePath = paths.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = paths.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Whether statements are counted per request (see <see cref="QueryTally"/>).</summary>
    public bool CountQueries { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
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

    /// <summary>Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a non-deferred transaction: the write
        // lock is taken up front, so checks made inside the transaction still hold at commit.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    public Task WriteAsync(Func<SqliteConnection, IDbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async (c, tx) => { await work(c, tx); return true; }, ct);
}
