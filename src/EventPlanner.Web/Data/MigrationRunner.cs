using System.Data;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using System.Data.Common;

namespace EventPlanner.Web.Data;

/// <summary>
/// A migration script: its number, name and SQL. <paramref name="Step"/> is the rare repair that SQL alone cannot
/// say idempotently (SQLite has no ADD/DROP COLUMN IF [NOT] EXISTS); it runs in the script's transaction, after
/// its SQL (see <see cref="MigrationSteps"/>).
/// </summary>
public sealed record Migration(int Version, string Name, string Sql, Func<DbConnection, IDbTransaction, Task>? Step = null)
{
    /// <summary>The SHA-256 of the script's text, recorded when it is applied and checked at every start.</summary>
    public string Checksum => MigrationRunner.ChecksumOf(Sql);

    public string FileName => $"{Version:0000}_{Name}.sql";
}

/// <summary>Thrown when the database was written by a newer EventPlanner than this one.</summary>
public sealed class DatabaseTooNewException(string message) : Exception(message);

/// <summary>Thrown when a migration the database ran has a different text from this build's script of that number.</summary>
public sealed class MigrationChecksumMismatchException(string message) : Exception(message);

/// <summary>
/// Applies the numbered scripts from db/migrations (SQLite) or db/migrations/postgres (their PostgreSQL twins, same
/// numbers and names), embedded in the assembly, in order, each in its
/// own transaction, recording each with its checksum in schema_migrations; refuses a database newer than
/// the code, and one that ran a script whose text has since changed (landed migrations are immutable).
/// </summary>
public sealed partial class MigrationRunner(Db db, ILogger<MigrationRunner> logger)
{
    /// <summary>The SQLite scripts (db/migrations).</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded("migrations.", MigrationSteps.For);

    /// <summary>The PostgreSQL twins (db/migrations/postgres): same numbers and names, no C# steps.</summary>
    public static IReadOnlyList<Migration> EmbeddedPostgres { get; } = LoadEmbedded("migrations.postgres.", _ => null);

    public static IReadOnlyList<Migration> EmbeddedFor(DbProvider provider) =>
        provider == DbProvider.Postgres ? EmbeddedPostgres : Embedded;

    /// <summary>
    /// The checksum recorded for 0005 and 0013 in databases that ran them before checksums were kept: both were
    /// edited after landing, so which text ran is unknown. 0014 repairs whichever it was.
    /// </summary>
    public const string LegacyChecksum = "legacy";

    /// <summary>Scripts edited after landing (see <see cref="LegacyChecksum"/>); no other script may ever join them.</summary>
    public static IReadOnlySet<int> EditedAfterLanding { get; } = new HashSet<int> { 5, 13 };

    /// <summary>SHA-256 (lower-case hex) of a script's text, with line endings normalised so a CRLF checkout hashes alike.</summary>
    public static string ChecksumOf(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n"))));

    public async Task<int> MigrateAsync(IReadOnlyList<Migration>? migrations = null, CancellationToken ct = default)
    {
        migrations ??= EmbeddedFor(db.Provider);
        await using (var connection = await db.OpenAsync(ct))
        {
            // WAL lets readers carry on while one writer commits; it is a property of the file.
            if (db.Provider == DbProvider.Sqlite) await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    checksum   TEXT
                );
                """);
            var current = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;
            var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
            if (current > known)
            {
                throw new DatabaseTooNewException(
                    $"The database {db.DatabasePath} is at schema version {current}, but this build of EventPlanner " +
                    $"only knows up to version {known}. Run a newer EventPlanner, or restore a backup made by this version.");
            }
        }

        await RecordMissingChecksumsAsync(migrations, ct);
        await VerifyChecksumsAsync(migrations, ct);

        var applied = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var done = await db.WriteAsync(async (c, tx) =>
            {
                // Nodes starting together on PostgreSQL take turns, so each script runs once; the second finds it done.
                if (db.Provider == DbProvider.Postgres) await c.ExecuteAsync("LOCK TABLE schema_migrations IN EXCLUSIVE MODE", transaction: tx);
                var exists = await c.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", migration, tx);
                if (exists > 0) return false;
                await c.ExecuteAsync(migration.Sql, transaction: tx);
                if (migration.Step is { } step) await step(c, tx);
                await c.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@Version, @Name, @At, @Checksum)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O"), migration.Checksum }, tx);
                return true;
            }, ct);
            if (done)
            {
                applied++;
                logger.LogInformation("Applied migration {Version:0000} {Name}", migration.Version, migration.Name);
            }
        }
        return applied;
    }

    /// <summary>
    /// A database from before checksums were kept: schema_migrations gains the column (the table is the runner's
    /// own, so this lives here, not in a script) and each recorded script is taken to have run the current text,
    /// except the two edited after landing, which are marked <see cref="LegacyChecksum"/>.
    /// </summary>
    private Task RecordMissingChecksumsAsync(IReadOnlyList<Migration> migrations, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var columns = await c.QueryAsync<string>(db.Provider == DbProvider.Postgres
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
                : "SELECT name FROM pragma_table_info('schema_migrations')", transaction: tx);
            if (!columns.Contains("checksum"))
            {
                await c.ExecuteAsync("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT", transaction: tx);
            }
            var unrecorded = await c.QueryAsync<int>("SELECT version FROM schema_migrations WHERE checksum IS NULL", transaction: tx);
            foreach (var version in unrecorded)
            {
                var checksum = EditedAfterLanding.Contains(version)
                    ? LegacyChecksum
                    : migrations.FirstOrDefault(m => m.Version == version)?.Checksum;
                if (checksum is null) continue;
                await c.ExecuteAsync("UPDATE schema_migrations SET checksum = @checksum WHERE version = @version",
                    new { checksum, version }, tx);
                logger.LogInformation("Recorded the checksum of migration {Version:0000} as {Checksum}", version, checksum);
            }
        }, ct);

    private async Task VerifyChecksumsAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var recorded = await connection.QueryAsync<(int Version, string Name, string? Checksum)>(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version");
        foreach (var (version, name, checksum) in recorded)
        {
            if (migrations.FirstOrDefault(m => m.Version == version) is not { } migration) continue;
            if (checksum == LegacyChecksum && EditedAfterLanding.Contains(version)) continue;
            if (checksum == migration.Checksum) continue;
            throw new MigrationChecksumMismatchException(
                $"The database {db.DatabasePath} ran migration {version:0000}_{name} from a different text than this build's " +
                $"db/migrations/{migration.FileName} (recorded checksum {checksum ?? "none"}, the script's {migration.Checksum}). " +
                "Landed migrations must never be edited: restore the script's original text and put the change in a new migration.");
        }
    }

    private static IReadOnlyList<Migration> LoadEmbedded(string prefix, Func<int, Func<DbConnection, IDbTransaction, Task>?> steps)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var version = int.Parse(match.Groups[1].Value);
            list.Add(new Migration(version, match.Groups[2].Value, reader.ReadToEnd(), steps(version)));
        }
        var duplicate = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key}.");
        }
        return list.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileName();
}
