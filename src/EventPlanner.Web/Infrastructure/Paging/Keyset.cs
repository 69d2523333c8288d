using Dapper;
using Microsoft.AspNetCore.WebUtilities;

namespace EventPlanner.Web.Infrastructure.Paging;

/// <summary>
/// One column of a list's sort order: the expression it orders by, the value a cursor stores, what kind of value that
/// is (a cursor is checked against it before it reaches the SQL), and its direction.
/// </summary>
public sealed record SortColumn(string Expr, string Value, CursorValue Kind, bool Desc = false);

/// <summary>The kinds of value a sort key may hold: never null (the lists sort NULLs as '' or 0/1 instead).</summary>
public enum CursorValue { Integer, Text }

/// <summary>
/// Keyset paging: "the rows after this one in the list's order", as SQL. Unlike an offset, a row added or removed
/// before the cursor neither repeats nor hides a row on the next page. Every order must end in a unique column (the
/// id), so no two rows tie.
/// </summary>
public static class Keyset
{
    public static string OrderBy(IReadOnlyList<SortColumn> keys) => string.Join(", ", keys.Select(k => k.Desc ? k.Expr + " DESC" : k.Expr));

    /// <summary>The cursor's columns as one JSON array per row (select it AS sort_key).</summary>
    public static string SortKey(IReadOnlyList<SortColumn> keys, EventPlanner.Web.Data.SqlDialect dialect) =>
        $"{dialect.JsonArray}({string.Join(", ", keys.Select(k => k.Value))})";

    /// <summary>
    /// "AND (…)" for the rows after <paramref name="after"/> (k1 past v1, or k1 = v1 and k2 past v2, …), adding its
    /// values as @k0, @k1, … to <paramref name="parameters"/>; empty without a cursor.
    /// </summary>
    public static string After(IReadOnlyList<SortColumn> keys, object?[]? after, DynamicParameters parameters)
    {
        if (after is null) return "";
        if (after.Length != keys.Count) throw new ArgumentException("A cursor of another sort order.", nameof(after));
        var terms = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            parameters.Add($"k{i}", after[i]);
            var equal = Enumerable.Range(0, i).Select(j => $"{keys[j].Expr} = @k{j}");
            terms.Add("(" + string.Join(" AND ", equal.Append($"{keys[i].Expr} {(keys[i].Desc ? "<" : ">")} @k{i}")) + ")");
        }
        return "AND (" + string.Join(" OR ", terms) + ")";
    }
}

/// <summary>The HTTP side of a paged API list: page size and cursor checks, and where the next page is.</summary>
public static class ListPage
{
    /// <summary>The page size to use, the cursor's values, or the message for a 400.</summary>
    public static (int Size, object?[]? After, string? Error) Read(int? limit, string? cursor, int defaultSize, IReadOnlyList<CursorValue> keys)
    {
        var size = limit ?? defaultSize;
        if (size is < 1 or > ListCursor.MaxPageSize) return (0, null, $"limit is 1 to {ListCursor.MaxPageSize}.");
        if (cursor is null) return (size, null, null);
        return ListCursor.Decode(cursor, keys) is { } after
            ? (size, after, null)
            : (0, null, "Not a cursor of this list and sort order (use the Link or X-Next-Cursor of the previous page).");
    }

    /// <summary>
    /// The page of <paramref name="rows"/> (read with one row more than <paramref name="size"/>); when there is more,
    /// the next page's cursor in X-Next-Cursor and its address (this request's query, cursor replaced) in Link.
    /// </summary>
    public static IReadOnlyList<T> Apply<T>(HttpContext http, IReadOnlyList<T> rows, int size, Func<T, string> sortKey)
    {
        if (rows.Count <= size) return rows;
        var page = rows.Take(size).ToList();
        var next = ListCursor.Encode(sortKey(page[^1]));
        http.Response.Headers["X-Next-Cursor"] = next;
        var link = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, http.Request.Query
            .Where(q => q.Key is not ("cursor" or "offset"))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("cursor", (string?)next)));
        http.Response.Headers.Link = $"<{link}>; rel=\"next\"";
        return page;
    }
}
