using System.Diagnostics;
using System.Globalization;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace EventPlanner.Bench.Running;

/// <summary>
/// Puts a generated SQLite database into an empty PostgreSQL database (issue 19), so both engines are measured on the
/// very same rows (same ids, same digest source): the app's own PostgreSQL migrations first, then every table's rows
/// with COPY (binary), flags turned from SQLite's 0/1 into booleans, then identities moved past the copied ids and
/// ANALYZE, so the first requests are planned on real statistics. Generating on PostgreSQL through the stores instead
/// would take tens of thousands of round trips per scale and could not reuse the SQLite digest.
/// </summary>
public static class PostgresCopy
{
    private sealed record Column(string Table, string Name, string Type, bool Identity);

    /// <returns>Rows copied and seconds taken.</returns>
    public static async Task<(long Rows, double Seconds)> CopyAsync(string sqliteFile, string connectionString, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var database = AppDatabase.Postgres(connectionString);
        await using (var services = DataGenerator.CreateServices(Path.GetDirectoryName(sqliteFile)!, TimeProvider.System, database))
        {
            await services.MigrateDatabaseAsync();
        }
        NpgsqlConnection.ClearAllPools(); // the migration's pooled connections would keep the database from being a template

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = sqliteFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await source.OpenAsync(ct);
        await using var target = (NpgsqlConnection)await ServerDatabase.OpenAsync(database, ct);

        var columns = (await target.QueryAsync<(string Table, string Name, string Type, string Generated, string Identity)>("""
            SELECT table_name, column_name, data_type, is_generated, is_identity
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
            ORDER BY table_name, ordinal_position
            """)).Where(c => c.Generated != "ALWAYS").Select(c => new Column(c.Table, c.Name, c.Type, c.Identity == "YES")).ToList();
        var tables = columns.Select(c => c.Table).Distinct().ToList();
        var sourceTables = (await source.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet(StringComparer.Ordinal);
        var missing = tables.Where(t => !sourceTables.Contains(t)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"Tables on PostgreSQL but not in {sqliteFile}: {string.Join(", ", missing)}");

        long rows = 0;
        await using (var tx = await target.BeginTransactionAsync(ct))
        {
            // Triggers (the ranking and public-data version counters) and foreign keys wait: the rows come whole, in any
            // table order, counters included. Rows the migrations seeded are replaced by SQLite's.
            await target.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: tx);
            await target.ExecuteAsync("TRUNCATE " + string.Join(", ", tables.Select(Quote)), transaction: tx);
            foreach (var table in tables)
            {
                var sourceColumns = (await source.QueryAsync<string>("SELECT name FROM pragma_table_info(@table)", new { table })).ToHashSet(StringComparer.Ordinal);
                var copied = columns.Where(c => c.Table == table && sourceColumns.Contains(c.Name)).ToList();
                rows += await CopyTableAsync(source, target, table, copied, ct);
            }
            foreach (var identity in columns.Where(c => c.Identity))
            {
                await target.ExecuteAsync(
                    $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({Quote(identity.Name)}) FROM {Quote(identity.Table)}), 0) + 1, false)",
                    new { table = Quote(identity.Table), column = identity.Name }, tx);
            }
            await tx.CommitAsync(ct);
        }
        // Not through Dapper: it takes a one-word command for a stored procedure's name.
        await using (var analyze = new NpgsqlCommand("ANALYZE", target)) await analyze.ExecuteNonQueryAsync(ct);
        return (rows, watch.Elapsed.TotalSeconds);
    }

    private static async Task<long> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, string table, IReadOnlyList<Column> columns, CancellationToken ct)
    {
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {list} FROM {Quote(table)}";
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var import = await target.BeginBinaryImportAsync($"COPY {Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)", ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            await import.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var (value, type) = Convert(reader.IsDBNull(i) ? null : reader.GetValue(i), columns[i].Type, $"{table}.{columns[i].Name}");
                if (value is null) await import.WriteNullAsync(ct);
                else await import.WriteAsync(value, type, ct);
            }
            rows++;
        }
        await import.CompleteAsync(ct);
        return rows;
    }

    /// <summary>
    /// A SQLite value as the PostgreSQL column's type takes it: flags 0/1 as booleans, integers as bigint, JSON and text
    /// as text. A type the schema does not use is an error, not a guess.
    /// </summary>
    public static (object? Value, NpgsqlDbType Type) Convert(object? value, string postgresType, string where)
    {
        var type = postgresType switch
        {
            "boolean" => NpgsqlDbType.Boolean,
            "bigint" => NpgsqlDbType.Bigint,
            "integer" => NpgsqlDbType.Integer,
            "smallint" => NpgsqlDbType.Smallint,
            "double precision" => NpgsqlDbType.Double,
            "real" => NpgsqlDbType.Real,
            "numeric" => NpgsqlDbType.Numeric,
            "text" or "character varying" => NpgsqlDbType.Text,
            "json" => NpgsqlDbType.Json,
            "jsonb" => NpgsqlDbType.Jsonb,
            "bytea" => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"{where}: the copy does not know PostgreSQL type '{postgresType}'."),
        };
        if (value is null) return (null, type);
        var invariant = CultureInfo.InvariantCulture;
        object converted = type switch
        {
            NpgsqlDbType.Boolean => value is string s ? s is "1" or "true" or "TRUE" : System.Convert.ToInt64(value, invariant) != 0,
            NpgsqlDbType.Bigint => System.Convert.ToInt64(value, invariant),
            NpgsqlDbType.Integer => System.Convert.ToInt32(value, invariant),
            NpgsqlDbType.Smallint => System.Convert.ToInt16(value, invariant),
            NpgsqlDbType.Double => System.Convert.ToDouble(value, invariant),
            NpgsqlDbType.Real => System.Convert.ToSingle(value, invariant),
            NpgsqlDbType.Numeric => System.Convert.ToDecimal(value, invariant),
            NpgsqlDbType.Bytea => value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(System.Convert.ToString(value, invariant)!),
            _ => value as string ?? System.Convert.ToString(value, invariant)!,
        };
        return (converted, type);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
