using System.Data.Common;
using Dapper;

namespace EventPlanner.Tests.Data;

/// <summary>
/// One engine's schema as comparable lines: tables, columns (name, nullability, type family), primary keys, foreign
/// keys, unique constraints and indexes, read from that engine's own catalogue. Type families are what the code can
/// tell apart through Dapper: integer (SQLite INTEGER; PostgreSQL bigint, integer and boolean, since SQLite keeps flags
/// as 0/1 integers), text, real and blob. A primary-key column counts as NOT NULL on both (PostgreSQL makes it so).
/// </summary>
public static class SchemaCatalogue
{
    /// <summary>Search structures each engine spells its own way, left out of the comparison on purpose: SQLite's FTS5
    /// table over proposals (and its shadow tables) and PostgreSQL's expression index over the same text.</summary>
    private static readonly string[] SqliteOnlyTables = ["proposals_fts"];
    private static readonly string[] PostgresOnlyIndexes = ["ix_proposals_search"];

    public static async Task<IReadOnlyList<string>> SqliteAsync(DbConnection c)
    {
        var lines = new List<string>();
        var tables = (await c.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name"))
            .Where(t => !SqliteOnlyTables.Any(f => t == f || t.StartsWith(f + "_", StringComparison.Ordinal))).ToList();
        foreach (var t in tables)
        {
            lines.Add($"table {t}");
            var columns = (await c.QueryAsync<(string Name, string Type, long NotNull, long Pk)>(
                $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')")).ToList();
            foreach (var col in columns)
            {
                lines.Add($"column {t}.{col.Name} {Family(col.Type)} {(col.NotNull == 1 || col.Pk > 0 ? "not null" : "null")}");
            }
            lines.Add($"primary key {t} ({string.Join(", ", columns.Where(x => x.Pk > 0).OrderBy(x => x.Pk).Select(x => x.Name))})");
            var fks = await c.QueryAsync<(long Id, string Table, string From, string To, string OnDelete)>(
                $"SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}') ORDER BY id, seq");
            foreach (var fk in fks.GroupBy(f => f.Id))
            {
                lines.Add($"foreign key {t} ({string.Join(", ", fk.Select(f => f.From))}) -> {fk.First().Table} " +
                          $"({string.Join(", ", fk.Select(f => f.To))}) on delete {fk.First().OnDelete.ToLowerInvariant()}");
            }
            foreach (var ix in await c.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(
                         $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{t}')"))
            {
                if (ix.Origin == "pk") continue;
                var cols = string.Join(", ", (await c.QueryAsync<string?>($"SELECT name FROM pragma_index_info('{ix.Name}') ORDER BY seqno"))
                    .Select(n => n ?? "<expression>"));
                lines.Add(ix.Origin == "u"
                    ? $"unique {t} ({cols})"
                    : $"index {ix.Name} on {t} ({cols}){(ix.Unique == 1 ? " unique" : "")}{(ix.Partial == 1 ? " partial" : "")}");
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<IReadOnlyList<string>> PostgresAsync(DbConnection c)
    {
        var lines = new List<string>();
        var tables = (await c.QueryAsync<string>("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name
            """)).ToList();
        foreach (var t in tables)
        {
            lines.Add($"table {t}");
            foreach (var col in await c.QueryAsync<(string Name, string Type, string Nullable)>("""
                         SELECT column_name, data_type, is_nullable FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = @t
                         """, new { t }))
            {
                lines.Add($"column {t}.{col.Name} {Family(col.Type)} {(col.Nullable == "NO" ? "not null" : "null")}");
            }
            var constraints = await c.QueryAsync<(string Kind, string[] Columns, string? Target, string[]? TargetColumns, string OnDelete)>("""
                SELECT k.contype::text,
                       ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS x(n, o)
                             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n ORDER BY x.o),
                       f.relname::text,
                       ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS x(n, o)
                             JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.n ORDER BY x.o),
                       k.confdeltype::text
                FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid LEFT JOIN pg_class f ON f.oid = k.confrelid
                WHERE r.relname = @t AND r.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f', 'u')
                """, new { t });
            var primary = constraints.FirstOrDefault(k => k.Kind == "p").Columns ?? [];
            lines.Add($"primary key {t} ({string.Join(", ", primary)})");
            foreach (var k in constraints.Where(k => k.Kind == "f"))
            {
                lines.Add($"foreign key {t} ({string.Join(", ", k.Columns)}) -> {k.Target} ({string.Join(", ", k.TargetColumns!)}) on delete {OnDelete(k.OnDelete)}");
            }
            foreach (var k in constraints.Where(k => k.Kind == "u")) lines.Add($"unique {t} ({string.Join(", ", k.Columns)})");
            foreach (var ix in await c.QueryAsync<(string Name, bool Unique, bool Partial, string[] Columns)>("""
                         SELECT i.relname::text, x.indisunique, x.indpred IS NOT NULL,
                                ARRAY(SELECT COALESCE(a.attname::text, '<expression>') FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(n, o)
                                      LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o)
                         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid
                         WHERE r.relname = @t AND r.relnamespace = current_schema()::regnamespace
                           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))
                         """, new { t }))
            {
                if (PostgresOnlyIndexes.Contains(ix.Name)) continue;
                lines.Add($"index {ix.Name} on {t} ({string.Join(", ", ix.Columns)}){(ix.Unique ? " unique" : "")}{(ix.Partial ? " partial" : "")}");
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string Family(string declared) => declared.ToLowerInvariant() switch
    {
        "integer" or "bigint" or "smallint" or "boolean" => "integer",
        "text" or "character varying" => "text",
        "real" or "double precision" => "real",
        "blob" or "bytea" => "blob",
        var other => $"unknown:{other}",
    };

    private static string OnDelete(string code) => code switch
    {
        "a" => "no action",
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => code,
    };
}
