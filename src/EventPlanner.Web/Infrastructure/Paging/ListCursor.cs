using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace EventPlanner.Web.Infrastructure.Paging;

/// <summary>
/// An opaque "continue after this row" for API lists that page by keyset: the last row's values of the list's sort
/// order, as a JSON array in base64url. It is not a secret (it holds only what the reader was just shown) and it grants
/// nothing: the list re-applies the reader's rights and filters. Parsed as hostile input: bounded, exact length, and
/// only strings and numbers.
/// </summary>
public static class ListCursor
{
    /// <summary>The documented maximum page size of every paged API list; the default is each list's own.</summary>
    public const int MaxPageSize = 1000;

    private const int MaxLength = 2048;

    public static string Encode(string sortKeyJson) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sortKeyJson));

    /// <summary>The cursor's values, or null when it is not a cursor of a list with <paramref name="keys"/> sort columns.</summary>
    public static object?[]? Decode(string? cursor, int keys)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength) return null;
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.GetArrayLength() != keys) return null;
            var values = new object?[keys];
            var i = 0;
            foreach (var v in json.RootElement.EnumerateArray())
            {
                values[i++] = v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number when v.TryGetInt64(out var n) => n,
                    JsonValueKind.Number => v.GetDouble(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException(),
                };
            }
            return values;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
