using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventPlanner.Tests.Api;

/// <summary>Reading the app's own OpenAPI document: references, and example values generated from schemas.</summary>
internal static class OpenApiSchemas
{
    public static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r); i++)
        {
            var name = r.GetString()!.Split('/')[^1];
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }

    /// <summary>The schema's types ("string", "integer", "null"...), whether written as one string or a list.</summary>
    public static IReadOnlyList<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var t)) return [];
        return t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!];
    }

    /// <summary>A plausible value of the schema's type; <paramref name="hint"/> (the field's name) picks a fitting string.</summary>
    public static JsonNode? Example(JsonElement root, JsonElement schema, string hint = "", int depth = 0, Func<string, JsonNode?>? known = null)
    {
        schema = Resolve(root, schema);
        if (depth > 6) return null;
        if (hint.Length > 0 && known?.Invoke(hint) is { } value0) return value0;
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(key, out var alternatives))
            {
                var first = alternatives.EnumerateArray().Select(a => Resolve(root, a)).FirstOrDefault(a => !Types(a).SequenceEqual(["null"]));
                if (first.ValueKind != JsonValueKind.Undefined) return Example(root, first, hint, depth + 1, known);
            }
        }
        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null) is { ValueKind: not JsonValueKind.Undefined } value)
        {
            return JsonNode.Parse(value.GetRawText());
        }
        var types = Types(schema).Where(t => t != "null").ToList();
        // Numbers are written ["integer", "string"] (a numeric string is read too): the number is the real type.
        var type = new[] { "object", "array", "integer", "number", "boolean", "string" }.FirstOrDefault(types.Contains)
                   ?? (schema.TryGetProperty("properties", out _) ? "object" : "string");
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                if (schema.TryGetProperty("properties", out var props))
                {
                    foreach (var p in props.EnumerateObject()) obj[p.Name] = Example(root, p.Value, p.Name, depth + 1, known);
                }
                return obj;
            case "array":
                var item = schema.TryGetProperty("items", out var items) ? Example(root, items, Singular(hint), depth + 1, known) : null;
                return item is null ? new JsonArray() : new JsonArray(item);
            case "integer":
                return Number(hint);
            case "number":
                return 10;
            case "boolean":
                return false;
            default:
                return StringFor(hint, format);
        }
    }

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    private static JsonNode Number(string hint)
    {
        var h = hint.ToLowerInvariant();
        if (h.Contains("minutes") || h == "duration") return 25;
        if (h.Contains("maxscore")) return 5;
        if (h.Contains("minscore")) return 1;
        if (h.Contains("capacity") || h.Contains("quota") || h.Contains("audience")) return 20;
        if (h.Contains("version")) return 1;
        if (h.EndsWith("id") || h.EndsWith("ids")) return 1;
        return 1;
    }

    // Values the rules accept for fields whose schema says only "string" (best effort: a field error is still a pass).
    private static readonly Dictionary<string, string> Plausible = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = "talk", ["role"] = "reviewer", ["audienceLevel"] = "intermediate", ["tshirtSize"] = "M", ["currency"] = "MYR",
        ["transferability"] = "transferable", ["totalMethod"] = "mean", ["reviewers"] = "all", ["proposalState"] = "submitted",
        ["otherScores"] = "after_own", ["scope"] = "proposal", ["state"] = "accepted", ["response"] = "confirm", ["notify"] = "none",
        ["outcome"] = "given", ["target"] = "proposal", ["start"] = "14:00", ["end"] = "14:45", ["starts"] = "12:30", ["ends"] = "13:15",
        ["from"] = "09:00", ["to"] = "12:00", ["opensAt"] = "2026-11-20T10:00", ["closesAt"] = "2027-01-20T10:00", ["code"] = "EARLYBIRD",
        ["parentSlug"] = "", ["language"] = "en",
    };

    private static int _unique;

    private static JsonNode StringFor(string hint, string? format)
    {
        if (Plausible.TryGetValue(hint, out var plausible)) return plausible;
        var h = hint.ToLowerInvariant();
        if (h.EndsWith("startsat") || h.EndsWith("opensat")) return "2026-11-20T10:00";
        if (h.EndsWith("endsat") || h.EndsWith("closesat")) return "2027-01-20T10:00";
        if (format == "date-time") return "2027-01-20T10:00:00Z";
        if (h.EndsWith("at")) return "2027-01-20T10:00";
        if (format == "date" || h.EndsWith("on") || h == "date") return "2027-02-06";
        if (h.Contains("email")) return "someone@example.org";
        if (h.Contains("url") || h.Contains("link")) return "https://example.org/slides";
        if (h.Contains("zone")) return "Europe/Brussels";
        if (h.Contains("colour") || h.Contains("color")) return "#336699";
        if (h is "start" or "end" or "opensat" or "closesat" || h.StartsWith("opens") || h.StartsWith("closes") || h.EndsWith("time")) return "10:00";
        if (h.Contains("language")) return "en";
        if (h.Contains("slug")) return "example-slug";
        // Unique, so names that must be unique (rooms, tracks, groups) are.
        return $"Example {hint} {Interlocked.Increment(ref _unique)}".Trim();
    }
}
