using Dapper;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Bench.Running;

/// <summary>
/// Reads a running (or stopped) server's database from the harness, to count what really got stored.
/// Its own unpooled connection, so nothing of the harness lingers on the file afterwards.
/// </summary>
public static class ServerDatabase
{
    public static async Task<T> ScalarAsync<T>(AppServer server, string sql, object? parameters = null, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(server, ct);
        return await c.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct)) ?? throw new InvalidOperationException($"No value from: {sql}");
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(AppServer server, string sql, object? parameters = null, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(server, ct);
        return (await c.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    private static async Task<SqliteConnection> OpenAsync(AppServer server, CancellationToken ct)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = server.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await c.OpenAsync(ct);
        await c.ExecuteAsync("PRAGMA busy_timeout = 10000;");
        return c;
    }
}
