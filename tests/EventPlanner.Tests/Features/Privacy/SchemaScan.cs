using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>
/// Every TEXT and BLOB column of every table in the schema, read from sqlite_master, so a table added later is
/// searched without anyone listing it here. A hit is "table.column" where a term occurs, any case.
/// </summary>
public static class SchemaScan
{
    public static async Task<IReadOnlyList<string>> FindAsync(Db db, params string[] terms)
    {
        await using var c = await db.OpenAsync();
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).AsList();
        Assert.True(tables.Count > 60, $"Only {tables.Count} tables: is the schema there?");
        var hits = new List<string>();
        foreach (var table in tables)
        {
            var columns = (await c.QueryAsync<(long Cid, string Name, string Type)>($"SELECT cid, name, type FROM pragma_table_info('{table}')")).AsList();
            foreach (var column in columns.Where(col => IsText(col.Type)))
            {
                foreach (var term in terms)
                {
                    var found = await c.ExecuteScalarAsync<long>(
                        $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column.Name}\" AS TEXT)), lower(@term)) > 0", new { term });
                    if (found > 0) hits.Add($"{table}.{column.Name} ({term}, {found})");
                }
            }
        }
        return hits;
    }

    /// <summary>Declared TEXT or BLOB, or no type at all (a virtual table's columns, which take anything).</summary>
    private static bool IsText(string type) =>
        type.Length == 0 || type.Contains("TEXT", StringComparison.OrdinalIgnoreCase) || type.Contains("CHAR", StringComparison.OrdinalIgnoreCase)
        || type.Contains("CLOB", StringComparison.OrdinalIgnoreCase) || type.Contains("BLOB", StringComparison.OrdinalIgnoreCase);
}
