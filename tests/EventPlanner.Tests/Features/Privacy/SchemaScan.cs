using System.Data.Common;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>
/// Every TEXT and BLOB column of every table in the schema, read from the engine's own catalogue (sqlite_master on
/// SQLite, information_schema on PostgreSQL), so a table added later is searched without anyone listing it here. A
/// hit is "table.column" where a term occurs, any case.
/// </summary>
public static class SchemaScan
{
    public static async Task<IReadOnlyList<string>> FindAsync(Db db, params string[] terms)
    {
        await using var c = await db.OpenAsync();
        var columns = c is Npgsql.NpgsqlConnection ? await PostgresColumnsAsync(c) : await SqliteColumnsAsync(c);
        var tables = columns.Select(col => col.Table).Distinct().Count();
        Assert.True(tables > 50, $"Only {tables} tables with text: is the schema there?");
        var hits = new List<string>();
        foreach (var (table, column, binary) in columns)
        {
            foreach (var term in terms)
            {
                var found = await c.ExecuteScalarAsync<long>(
                    $"SELECT COUNT(*) FROM \"{table}\" WHERE {Matches(c, $"\"{column}\"", binary)}", new { term });
                if (found > 0) hits.Add($"{table}.{column} ({term}, {found})");
            }
        }
        return hits;
    }

    /// <summary>
    /// Whether the column holds @term, any case. SQLite reads a blob as text; PostgreSQL's bytea is searched for the
    /// term's UTF-8 bytes, and in its escaped text for an any-case ASCII match.
    /// </summary>
    private static string Matches(DbConnection c, string column, bool binary) =>
        c is Npgsql.NpgsqlConnection && binary
            ? $"(position(convert_to(@term, 'UTF8') in {column}) > 0 OR strpos(lower(encode({column}, 'escape')), lower(@term)) > 0)"
            : SqlDialect.Of(c).Contains($"lower(CAST({column} AS TEXT))", "lower(@term)");

    private static async Task<List<(string Table, string Column, bool Binary)>> SqliteColumnsAsync(DbConnection c)
    {
        var result = new List<(string, string, bool)>();
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).AsList();
        foreach (var table in tables)
        {
            var columns = await c.QueryAsync<(long Cid, string Name, string Type)>($"SELECT cid, name, type FROM pragma_table_info('{table}')");
            result.AddRange(columns.Where(col => IsText(col.Type)).Select(col => (table, col.Name, false)));
        }
        return result;
    }

    private static async Task<List<(string Table, string Column, bool Binary)>> PostgresColumnsAsync(DbConnection c) =>
        (await c.QueryAsync<(string Table, string Column, string Type)>("""
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema()
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
            ORDER BY c.table_name, c.ordinal_position
            """)).Select(x => (x.Table, x.Column, x.Type == "bytea")).ToList();

    /// <summary>Declared TEXT or BLOB, or no type at all (a virtual table's columns, which take anything).</summary>
    private static bool IsText(string type) =>
        type.Length == 0 || type.Contains("TEXT", StringComparison.OrdinalIgnoreCase) || type.Contains("CHAR", StringComparison.OrdinalIgnoreCase)
        || type.Contains("CLOB", StringComparison.OrdinalIgnoreCase) || type.Contains("BLOB", StringComparison.OrdinalIgnoreCase);
}
