using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Data;

/// <summary>A database file in a temporary folder with the real runner over it, for migration tests without a host.</summary>
public sealed class MigrationDatabase : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));

    public MigrationDatabase()
    {
        SqlTypeHandlers.Register();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = Directory }).Build();
        Db = new Db(new DataPaths(config, new TestEnvironment()));
        Runner = new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance);
    }

    public Db Db { get; }
    public MigrationRunner Runner { get; }

    /// <summary>Applies the scripts as the runner did before checksums: each in a transaction, recorded without one.</summary>
    public async Task ApplyAsOldRunnerAsync(IEnumerable<Migration> migrations)
    {
        await using (var c = await Db.OpenAsync())
        {
            await c.ExecuteAsync("""
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """);
        }
        foreach (var m in migrations.OrderBy(m => m.Version))
        {
            await Db.WriteAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(m.Sql, transaction: tx);
                await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, '2026-11-26T00:00:00Z')", m, tx);
            });
        }
    }

    /// <summary>
    /// Everything SQLite knows of the schema but the runner's own table: each object's SQL as stored, and each table's
    /// columns (in order), foreign keys and indexes as the pragmas report them.
    /// </summary>
    public async Task<IReadOnlyList<string>> SchemaAsync()
    {
        await using var c = await Db.OpenAsync();
        var lines = new List<string>();
        var objects = (await c.QueryAsync<(string Type, string Name, string TblName, string? Sql)>(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'schema_migrations' ORDER BY type, name")).ToList();
        foreach (var (type, name, table, sql) in objects)
        {
            lines.Add($"{type} {name} on {table}: {sql}");
            if (type != "table") continue;
            foreach (var col in await c.QueryAsync($"SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('{name}')"))
            {
                lines.Add($"  column {name}: {col.cid} {col.name} {col.type} notnull={col.notnull} default={col.dflt_value} pk={col.pk} hidden={col.hidden}");
            }
            foreach (var fk in await c.QueryAsync($"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"  fk {name}: {fk.id}.{fk.seq} {fk.from} -> {fk.table}({fk.to}) update {fk.on_update} delete {fk.on_delete}");
            }
            foreach (var ix in await c.QueryAsync($"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}') ORDER BY name"))
            {
                var cols = await c.QueryAsync<string?>($"SELECT name FROM pragma_index_info('{ix.name}') ORDER BY seqno");
                lines.Add($"  index {name}: {ix.name} unique={ix.unique} origin={ix.origin} partial={ix.partial} ({string.Join(", ", cols)})");
            }
        }
        return lines;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "EventPlanner.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
