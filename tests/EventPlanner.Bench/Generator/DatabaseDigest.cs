using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Bench.Generator;

/// <summary>The SHA-256 of a canonical text dump of the database, and each table's row count.</summary>
public sealed record DigestResult(string Sha256, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>
/// A canonical dump: tables by name, columns in declared order, rows ordered by every column,
/// values tagged by type. Two databases with the same content give the same text whatever order
/// the rows were written in. Empty tables are left out, so a migration that only adds a table does
/// not change the digest until a generator step fills it.
/// </summary>
public static class DatabaseDigest
{
    // MigrationRunner stamps applied_at with the wall clock; the list of migrations is schema, not content.
    // notifications: outgoing mail derived from the other tables, carrying random secrets (invitation and
    // ticket links) by design; the facts that caused it are digested in their own tables.
    // public_data_version: a counter the triggers of migration 0015 bump on every write to what public pages show;
    // it counts writes, so it says how the data was written, not what it is.
    private static readonly HashSet<string> SkippedTables = new(StringComparer.Ordinal) { "schema_migrations", "notifications", "public_data_version" };

    // Secrets drawn from the system's random generator on purpose (they travel in links and must not be
    // guessable, even from a seed): left out of the digest, like the migration timestamps.
    private static readonly HashSet<string> SkippedColumns = new(StringComparer.Ordinal)
    {
        "notifications.message_id", "notifications.unsubscribe_token",
        "api_tokens.token_hash", "api_tokens.prefix", "cospeaker_invitations.token_hash",
    };

    public static async Task<DigestResult> ComputeAsync(string databasePath, CancellationToken ct = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counts = await DumpAsync(databasePath, text => hash.AppendData(Encoding.UTF8.GetBytes(text)), ct);
        return new DigestResult(Convert.ToHexStringLower(hash.GetHashAndReset()), counts);
    }

    /// <summary>Writes the dump the digest is taken over (handy for diffing two databases).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> DumpAsync(string databasePath, Action<string> write, CancellationToken ct = default)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var c = new SqliteConnection(cs);
        await c.OpenAsync(ct);
        var tables = (await c.QueryAsync<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).ToList();
        // Full-text indexes (virtual tables and their shadow tables) are derived from other tables and
        // hold internal state rows from the start: the content they index is digested already.
        var virtualTables = (await c.QueryAsync<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")).ToList();
        bool Derived(string t) => virtualTables.Any(v => t == v || t.StartsWith(v + "_", StringComparison.Ordinal));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var line = new StringBuilder();
        foreach (var table in tables.Where(t => !SkippedTables.Contains(t) && !Derived(t)))
        {
            var columns = (await c.QueryAsync<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table }))
                .Where(column => !SkippedColumns.Contains($"{table}.{column}")).ToList();
            counts[table] = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {Quote(table)}");
            if (counts[table] == 0) continue;

            write($"# {table} ({string.Join(", ", columns)})\n");
            await using var command = c.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)} " +
                                  $"ORDER BY {string.Join(", ", Enumerable.Range(1, columns.Count))}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                line.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0) line.Append('\t');
                    Append(line, reader.GetValue(i));
                }
                write(line.Append('\n').ToString());
            }
        }
        return counts;
    }

    private static void Append(StringBuilder line, object value)
    {
        switch (value)
        {
            case DBNull: line.Append("NULL"); break;
            case long l: line.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: line.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case byte[] b: line.Append("x'").Append(Convert.ToHexStringLower(b)).Append('\''); break;
            default:
                line.Append('"').Append(Convert.ToString(value, CultureInfo.InvariantCulture)!
                    .Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n")).Append('"');
                break;
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
