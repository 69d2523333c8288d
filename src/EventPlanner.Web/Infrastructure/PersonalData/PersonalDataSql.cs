using System.Data;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Infrastructure;

/// <summary>Small helpers the contributors share: rows as plain dictionaries, and wiping a person out of free text.</summary>
public static class PersonalDataSql
{
    /// <summary>The rows of a query as column → value maps (Dapper's dynamic rows serialise poorly).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(IDbConnection c, string sql, object args, IDbTransaction? tx = null) =>
        (await c.QueryAsync(sql, args, tx)).Select(r => ((IDictionary<string, object?>)r).ToDictionary(p => p.Key, p => p.Value)).ToList();

    /// <summary>
    /// Replaces the person's address and names in <paramref name="columns"/> of the rows of <paramref name="table"/>
    /// that mention them (any case, also as JSON or HTML/XML escapes them), with <paramref name="replacement"/>. Used for
    /// text written about the person into other people's records (mail to organisers, published schedules), where
    /// the row itself must stay. Table and column names are this code's constants, never input.
    /// </summary>
    public static async Task<int> ScrubAsync(IDbConnection c, IDbTransaction tx, string table, IReadOnlyList<string> columns, PersonalDataSubject who,
        string replacement, string? where = null)
    {
        var terms = Terms(who);
        if (terms.Count == 0) return 0;
        var mentions = string.Join(" OR ", columns.SelectMany(col => terms.Select((_, i) => $"{SqlDialect.Of(c).Contains($"lower(CAST({col} AS TEXT))", $"@t{i}")}")));
        var args = new DynamicParameters();
        for (var i = 0; i < terms.Count; i++) args.Add($"t{i}", terms[i].ToLowerInvariant());
        var dialect = SqlDialect.Of(c);
        var rows = await c.QueryAsync($"SELECT {dialect.RowIdSelect("row_id")}, {string.Join(", ", columns.Select(col => $"CAST({col} AS TEXT) AS {col}"))} FROM {table} WHERE ({mentions})"
            + (where is null ? "" : $" AND ({where})"), args, tx);
        var pattern = new Regex(string.Join("|", terms.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var changed = 0;
        foreach (IDictionary<string, object?> row in rows)
        {
            var set = new DynamicParameters();
            set.Add("rowId", row["row_id"]);
            foreach (var col in columns) set.Add(col, row[col] is string s ? pattern.Replace(s, replacement) : null);
            changed += await c.ExecuteAsync($"UPDATE {table} SET {string.Join(", ", columns.Select(col => $"{col} = COALESCE(@{col}, {col})"))} WHERE {dialect.RowIdEquals("@rowId")}",
                set, tx);
        }
        return changed;
    }

    /// <summary>The address and names, as written and as JSON and HTML would escape them (a name like O'Brien).</summary>
    private static List<string> Terms(PersonalDataSubject who)
    {
        var plain = new[] { who.Email }.Concat(who.Names).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var all = new List<string>();
        foreach (var t in plain)
        {
            all.Add(t);
            all.Add(JsonSerializer.Serialize(t)[1..^1]);
            all.Add(JsonSerializer.Serialize(t, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1]);
            all.Add(HtmlEncoder.Default.Encode(t));
            all.Add(System.Security.SecurityElement.Escape(t));
        }
        return all.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Length).ToList();
    }
}
