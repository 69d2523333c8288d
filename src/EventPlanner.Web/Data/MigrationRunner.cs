using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace EventPlanner.Web.Data;

/// <summary>A migration script: its number, name and SQL.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>Thrown when the database was written by a newer EventPlanner than this one.</summary>
public sealed class DatabaseTooNewException(string message) : Exception(message);

/// <summary>
/// Applies the numbered scripts from db/migrations (embedded in the assembly) in order, each in its
/// own transaction, recording each in schema_migrations; refuses a database newer than the code.
/// </summary>
public sealed partial class MigrationRunner(Db db, ILogger<MigrationRunner> logger)
{
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public async Task<int> MigrateAsync(IReadOnlyList<Migration>? migrations = null, CancellationToken ct = default)
    {
        migrations ??= Embedded;
        await using (var connection = await db.OpenAsync(ct))
        {
            // WAL lets readers carry on while one writer commits; it is a property of the file.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
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

        var applied = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var done = await db.WriteAsync(async (c, tx) =>
            {
                var exists = await c.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", migration, tx);
                if (exists > 0) return false;
                await c.ExecuteAsync(migration.Sql, transaction: tx);
                await c.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O") }, tx);
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

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = FileName().Match(resource);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicate = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key}.");
        }
        return list.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^migrations\.(\d{4})_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileName();
}
