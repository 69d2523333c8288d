using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Infrastructure;

/// <summary>
/// What a hostile client sends, as raw JSON (a serializer would repair a lone surrogate or refuse a number too large before it
/// left): a valid body with one property replaced by a value that field must refuse, and bodies that are no object at all. Every
/// one must answer 4xx, never 5xx, and leave the feature's rows as they were (<see cref="SnapshotAsync"/>).
/// </summary>
public static class HostileInput
{
    public static readonly string Huge = new('x', 100_000);

    /// <summary>Values no text field takes: control characters, a lone surrogate, a non-character, 100,000 characters, other JSON types.</summary>
    public static readonly string[] NotText =
        ["\"a\\u0000b\"", "\"bell\\u0007\"", "\"esc\\u001b[2J\"", "\"lone \\ud800 surrogate\"", "\"\\uffff\"", Quote(Huge), "42", "true", "[\"x\"]", "{}"];

    /// <summary>A required text field also refuses nothing, empty and blank.</summary>
    public static readonly string[] NotRequiredText = [.. NotText, "null", "\"\"", "\"  \\n \""];

    /// <summary>Numbers of the wrong kind, size or type, beside the field's own out-of-range values ("3" is read as 3, as the web defaults do).</summary>
    public static string[] NotInt(params string[] outOfRange) =>
        [.. outOfRange, "-2147483648", "2147483648", "9223372036854775808", "1e400", "4.5", "\"three\"", "[]", "{}", "true"];

    public static readonly string[] NotBool = ["\"yes\"", "1", "0", "[]", "{}"];

    /// <summary>Not a list, a null or a list inside it, and more items than any list takes.</summary>
    public static string[] NotList(string goodItem) =>
        ["\"x\"", "{}", "42", "[null]", $"[{goodItem}, null]", "[[]]", "[{}]", "[" + string.Join(",", Enumerable.Repeat(goodItem, 10_001)) + "]"];

    /// <summary>Bodies that are not the object the operation reads.</summary>
    public static readonly string[] NotAnObject =
        ["", "null", "[]", "\"text\"", "42", "{", "{\"title\": ", "{\"a\":1,}", new string('[', 100) + new string(']', 100), "\u00ff\u00fe"];

    public static string Quote(string s) => JsonSerializer.Serialize(s);

    public static string JsonOf(IEnumerable<KeyValuePair<string, string>> properties) =>
        "{" + string.Join(",", properties.Select(p => $"{Quote(p.Key)}:{p.Value}")) + "}";

    /// <summary>The valid body with one field replaced by each of its bad values, then bodies that are no object at all.</summary>
    public static IEnumerable<(string What, string Json)> Bodies(IReadOnlyDictionary<string, string> valid, IReadOnlyDictionary<string, string[]> bad)
    {
        foreach (var (field, values) in bad)
            foreach (var value in values)
                yield return ($"{field} = {Short(value)}", JsonOf(valid.Select(p => p.Key == field ? new(p.Key, value) : p)
                    .Concat(valid.ContainsKey(field) ? [] : [new(field, value)])));
        foreach (var body in NotAnObject) yield return ($"body {Short(body)}", body);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Sends every body and fails, listing each, on any answer that is not one of <paramref name="allowed"/> (400, or 413 for a body over the API's limit, when none given).</summary>
    public static async Task AssertRefusedAsync(this HttpClient client, HttpMethod method, string url, IEnumerable<(string What, string Json)> bodies,
        params HttpStatusCode[] allowed)
    {
        if (allowed.Length == 0) allowed = [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge];
        var wrong = new List<string>();
        foreach (var (what, json) in bodies)
        {
            var response = await client.SendJsonAsync(method, url, json);
            if (!allowed.Contains(response.StatusCode))
            {
                var text = await response.Content.ReadAsStringAsync();
                wrong.Add($"{method} {url} with {what}: {(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Every row of the tables, in order, as text: compare before and after to show nothing was saved half-way.</summary>
    public static async Task<string> SnapshotAsync(this EventPlannerApp app, params string[] tables)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append(table).Append('\n');
            foreach (IDictionary<string, object?> row in await c.QueryAsync($"SELECT * FROM {table} ORDER BY 1"))
                text.AppendJoin('|', row.Select(x => $"{x.Key}={x.Value}")).Append('\n');
        }
        return text.ToString();
    }

    private static string Short(string value) => value.Length > 40 ? value[..30] + $"…({value.Length} chars)" : value;
}
