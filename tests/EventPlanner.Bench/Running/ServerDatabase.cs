using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventPlanner.Bench.Running;

/// <summary>
/// Reads a running (or stopped) server's database from the harness, to count what really got stored: the SQLite file,
/// or the PostgreSQL database all its nodes share (the scenarios' SQL is the engines' common subset). Its own unpooled
/// connection, so nothing of the harness lingers on the file or the database afterwards.
/// </summary>
public static class ServerDatabase
{
    public static async Task<T> ScalarAsync<T>(AppServer server, string sql, object? parameters = null, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(server.Database, ct);
        return await c.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct)) ?? throw new InvalidOperationException($"No value from: {sql}");
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(AppServer server, string sql, object? parameters = null, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(server.Database, ct);
        return (await c.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    public static async Task<DbConnection> OpenAsync(AppDatabase database, CancellationToken ct)
    {
        if (database.IsPostgres)
        {
            var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.Location) { Pooling = false, CommandTimeout = 120 }.ToString());
            await pg.OpenAsync(ct);
            return pg;
        }
        var c = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database.Location,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await c.OpenAsync(ct);
        await c.ExecuteAsync("PRAGMA busy_timeout = 10000;");
        return c;
    }
}
