using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace EventPlanner.Web.Infrastructure.Paging;

/// <summary>
/// An opaque "continue after this row" for API lists that page by keyset: the last row's values of the list's sort
/// order, as a JSON array in base64url. It is not a secret (it holds only what the reader was just shown) and it grants
/// nothing: the list re-applies the reader's rights and filters. Parsed as hostile input: bounded, exact length, and
/// each value of its column's kind (PostgreSQL, unlike SQLite, refuses to compare a bigint column with text: a value of
/// the wrong kind reaching the SQL would be a 500 there, and a silently odd page on SQLite).
/// </summary>
public static class ListCursor
{
    /// <summary>The documented maximum page size of every paged API list; the default is each list's own.</summary>
    public const int MaxPageSize = 1000;

    private const int MaxLength = 2048;

    public static string Encode(string sortKeyJson) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sortKeyJson));

    /// <summary>The cursor's values, or null when it is not a cursor of a list sorted by <paramref name="keys"/>.</summary>
    public static object?[]? Decode(string? cursor, IReadOnlyList<SortColumn> keys) => Decode(cursor, keys.Select(k => k.Kind).ToArray());

    /// <summary>The cursor's values, or null unless it holds exactly one value of each of <paramref name="kinds"/>, in order.</summary>
    public static object?[]? Decode(string? cursor, IReadOnlyList<CursorValue> kinds)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength) return null;
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.GetArrayLength() != kinds.Count) return null;
            var values = new object?[kinds.Count];
            var i = 0;
            foreach (var v in json.RootElement.EnumerateArray())
            {
                // No nulls and no fractions: every sort key is a non-null integer or text (see the lists' keys).
                values[i] = (kinds[i], v.ValueKind) switch
                {
                    (CursorValue.Text, JsonValueKind.String) => v.GetString(),
                    (CursorValue.Integer, JsonValueKind.Number) when v.TryGetInt64(out var n) => n,
                    _ => null,
                };
                if (values[i++] is null) return null;
            }
            return values;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
