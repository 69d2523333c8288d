using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// Copies every row of a migrated SQLite database into a migrated, empty PostgreSQL database of the same schema
/// version (the engines' schemas compare equal: EngineSchemaTests), so data made by the benchmark generator, which
/// writes SQLite files, can be served by a host or an app process on PostgreSQL. Each table goes over with binary
/// COPY, ids included, over the rows the PostgreSQL migrations seeded; triggers and foreign-key checks are off for the copy (session_replication_role = replica), as
/// the rows come from a consistent database and the counters the triggers keep are copied too. The runner's own
/// table stays as PostgreSQL's runner wrote it (its scripts and checksums are PostgreSQL's).
/// </summary>
public static class SqliteToPostgres
{
    public static async Task CopyAsync(string sqlitePath, string postgresConnectionString)
    {
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync();
        await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresConnectionString) { Pooling = false }.ToString());
        await target.OpenAsync();
        await using var tx = await target.BeginTransactionAsync();
        await target.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: tx);

        var columns = (await target.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema() AND c.is_generated = 'NEVER' AND c.table_name <> 'schema_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """, transaction: tx)).GroupBy(c => c.Table).ToList();
        var sqliteTables = (await source.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet(StringComparer.Ordinal);

        var copied = columns.Where(t => sqliteTables.Contains(t.Key)).ToList();
        // The rows the migrations seed (settings, version counters) come again from the SQLite side, as they are there.
        await target.ExecuteAsync($"TRUNCATE {string.Join(", ", copied.Select(t => $"\"{t.Key}\""))}", transaction: tx);
        foreach (var table in copied)
        {
            var sqliteColumns = (await source.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table.Key}')")).ToHashSet(StringComparer.Ordinal);
            var shared = table.Where(c => sqliteColumns.Contains(c.Column)).ToList();
            var list = string.Join(", ", shared.Select(c => $"\"{c.Column}\""));
            await using var read = source.CreateCommand();
            read.CommandText = $"SELECT {list} FROM \"{table.Key}\"";
            await using var rows = await read.ExecuteReaderAsync();
            await using (var copy = await target.BeginBinaryImportAsync($"COPY \"{table.Key}\" ({list}) FROM STDIN (FORMAT BINARY)"))
            {
                while (await rows.ReadAsync())
                {
                    await copy.StartRowAsync();
                    for (var i = 0; i < shared.Count; i++) await WriteAsync(copy, rows.IsDBNull(i) ? null : rows.GetValue(i), shared[i].Type);
                }
                await copy.CompleteAsync();
            }
        }

        // The identities go on after the copied ids, as they would after the same inserts.
        foreach (var (table, column) in await target.QueryAsync<(string, string)>("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name <> 'schema_migrations'
            """, transaction: tx))
        {
            await target.ExecuteAsync($"""
                SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)
                """, transaction: tx);
        }
        await tx.CommitAsync();
    }

    // SQLite hands back longs, doubles, strings and blobs; PostgreSQL's columns say what each one is.
    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, string type)
    {
        if (value is null) return copy.WriteNullAsync();
        return type switch
        {
            "boolean" => copy.WriteAsync(Convert.ToInt64(value) != 0, NpgsqlDbType.Boolean),
            "bigint" => copy.WriteAsync(Convert.ToInt64(value), NpgsqlDbType.Bigint),
            "integer" => copy.WriteAsync(Convert.ToInt32(value), NpgsqlDbType.Integer),
            "smallint" => copy.WriteAsync(Convert.ToInt16(value), NpgsqlDbType.Smallint),
            "double precision" => copy.WriteAsync(Convert.ToDouble(value), NpgsqlDbType.Double),
            "real" => copy.WriteAsync(Convert.ToSingle(value), NpgsqlDbType.Real),
            "bytea" => copy.WriteAsync(value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea),
            "text" or "character varying" => copy.WriteAsync(value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, NpgsqlDbType.Text),
            _ => throw new NotSupportedException($"No copy from SQLite for a PostgreSQL column of type {type}."),
        };
    }
}
