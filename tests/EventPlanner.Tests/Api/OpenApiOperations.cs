using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Tests.Api;

/// <summary>One operation of the app's OpenAPI document, with the policy its endpoint declares.</summary>
public sealed record SweepOperation(string Method, string Path, JsonElement Root, JsonElement Op, IReadOnlyList<string> Policies, bool Anonymous)
{
    public string Name => $"{Method} {Path}";

    public JsonElement? JsonBody => Op.TryGetProperty("requestBody", out var rb) && rb.GetProperty("content").TryGetProperty("application/json", out var c)
        ? c.GetProperty("schema") : null;

    public bool HasOtherBody => Op.TryGetProperty("requestBody", out _) && JsonBody is null;

    /// <summary>Only this event's organisers (or reviewers, or site administrators): a stranger with an account has no business here.</summary>
    public bool RoleOnly => Policies.Any(p => p is EventPlanner.Web.Features.Accounts.Policies.EventOrganiser or EventPlanner.Web.Features.Accounts.Policies.EventReviewer or EventPlanner.Web.Features.Accounts.Policies.SiteAdmin);

    public bool SignedInOnly => !Anonymous && Policies.Count > 0;

    public bool EventScoped => Path.Contains("{slug}");

    /// <summary>Someone's own things, named by an id or a link token: the seeded ones belong to others than the sweep's callers.</summary>
    public bool OwnerOnly => (Path.StartsWith("/api/my/") && Path.Contains('{')) || Path.StartsWith("/api/transfers/{token}");
}

internal static partial class OpenApiOperations
{
    public static IReadOnlyList<SweepOperation> Read(JsonDocument doc, EndpointDataSource endpoints)
    {
        var declared = new Dictionary<string, RouteEndpoint>();
        foreach (var e in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []) declared.TryAdd($"{m} {Path(e.RoutePattern)}", e);
        }
        var list = new List<SweepOperation>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is "parameters" or "summary" or "description") continue;
                var method = op.Name.ToUpperInvariant();
                var endpoint = declared.GetValueOrDefault($"{method} {path.Name}");
                var policies = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList() ?? [];
                var anonymous = endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                list.Add(new SweepOperation(method, path.Name, doc.RootElement, op.Value, policies, anonymous));
            }
        }
        return list;
    }

    /// <summary>The operation's URL with the seeded event's real ids and slug, and its required query parameters.</summary>
    public static string Url(SweepOperation op, SweepEvent target)
    {
        var segments = op.Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var m = Parameter().Match(segments[i]);
            if (!m.Success) continue;
            var name = m.Groups[1].Value;
            var value = name switch
            {
                "id" when i > 0 => target.Ids.GetValueOrDefault(segments[i - 1]),
                "sessionId" when op.Path.Contains("/lightning/") => target.Ids["lightning"],
                "sessionId" when op.Path.Contains("/blocks/") => target.Ids["blockSessionId"],
                "token" when op.Path.Contains("/invitations/social/") => target.Ids["socialToken"],
                "token" when op.Path.Contains("/surveys/answer/") => target.Ids["surveyToken"],
                _ => target.Ids.GetValueOrDefault(name),
            } ?? "999999"; // an id the seed has none of: never someone's real row by accident (e.g. the caller's own API token)
            segments[i] = Uri.EscapeDataString(value);
        }
        var url = string.Join('/', segments);
        var query = new List<string>();
        if (op.Op.TryGetProperty("parameters", out var ps))
        {
            foreach (var p in ps.EnumerateArray())
            {
                if (p.GetProperty("in").GetString() != "query" || !(p.TryGetProperty("required", out var r) && r.GetBoolean())) continue;
                var name = p.GetProperty("name").GetString()!;
                var example = target.Ids.GetValueOrDefault(name) ?? OpenApiSchemas.Example(op.Root, p.GetProperty("schema"), name)?.ToString() ?? "1";
                query.Add($"{name}={Uri.EscapeDataString(example)}");
            }
        }
        return query.Count == 0 ? url : $"{url}?{string.Join('&', query)}";
    }

    /// <summary>A valid-looking body from the schema, with the seeded event's ids where a field names one.</summary>
    public static JsonNode? ExampleBody(SweepOperation op, SweepEvent target) =>
        op.JsonBody is { } schema ? OpenApiSchemas.Example(op.Root, schema, "", 0, hint => Known(hint, target)) : null;

    private static JsonNode? Known(string field, SweepEvent target)
    {
        var key = field switch
        {
            "slug" => "slug",
            "roomId" => "roomId",
            "trackId" => "trackId",
            "sessionTypeId" => "sessionTypeId",
            "proposalId" => "proposalId",
            "talkId" => "talkId",
            "ticketTypeId" => "ticketTypeId",
            "ticketId" => "ticketId",
            "sessionId" => "sessionId",
            "toSessionId" => "lightningSessionId",
            "groupId" or "blockId" or "bofId" or "slotId" => field,
            "reviewerId" or "userId" => "reviewerId",
            "version" => null,
            _ => null,
        };
        if (key is null || !target.Ids.TryGetValue(key, out var value)) return null;
        return long.TryParse(value, out var n) ? JsonValue.Create(n) : JsonValue.Create(value);
    }

    /// <summary>
    /// Bad bodies made from a valid one: broken JSON, wrong types, missing fields, nulls (also inside arrays), huge
    /// strings, control characters, extreme numbers and dates, unknown ids. At most a dozen or so per operation.
    /// </summary>
    public static IEnumerable<(string Variant, string Body)> BadBodies(SweepOperation op, JsonNode? valid)
    {
        yield return ("malformed JSON", "{\"a\": ");
        yield return ("JSON null", "null");
        yield return ("empty object", "{}");
        if (valid is null) yield break;
        yield return ("wrong types", Map(valid, (v, _) => v switch
        {
            JsonValueKind.String => JsonValue.Create(12345),
            JsonValueKind.Number => JsonValue.Create("not a number"),
            JsonValueKind.True or JsonValueKind.False => JsonValue.Create("yes"),
            _ => null,
        }, arrays: _ => new JsonObject { ["x"] = 1 }).ToJsonString());
        yield return ("nulls", Map(valid, (_, _) => null, arrays: _ => new JsonArray((JsonNode?)null), keepNull: true).ToJsonString());
        yield return ("nulls in arrays", Map(valid, (_, n) => n, arrays: a => new JsonArray([null, .. a.Select(x => x?.DeepClone())])).ToJsonString());
        var huge = Map(valid, (v, n) => v == JsonValueKind.String ? JsonValue.Create(new string('x', 100_000)) : n).ToJsonString();
        if (huge.Length < 250_000) yield return ("100,000-char strings", huge);
        else yield return ("100,000-char strings (first field)", MapFirstString(valid, new string('x', 100_000)).ToJsonString());
        yield return ("control characters", Map(valid, (v, n) => v == JsonValueKind.String ? JsonValue.Create("a\u0000b\u0001c\u001Fd\u007F\u202Ee\uFEFF") : n).ToJsonString());
        yield return ("largest numbers", Map(valid, (v, n) => v == JsonValueKind.Number ? JsonValue.Create(long.MaxValue) : n).ToJsonString());
        yield return ("int.MaxValue", Map(valid, (v, n) => v == JsonValueKind.Number ? JsonValue.Create(int.MaxValue) : n).ToJsonString());
        yield return ("negative numbers", Map(valid, (v, n) => v == JsonValueKind.Number ? JsonValue.Create(int.MinValue) : n).ToJsonString());
        yield return ("earliest dates", Map(valid, (v, n) => Date(n, "0001-01-01T00:00", "0001-01-01", "00:00") ?? n).ToJsonString());
        yield return ("latest dates", Map(valid, (v, n) => Date(n, "9999-12-31T23:59", "9999-12-31", "23:59") ?? n).ToJsonString());
        yield return ("ends before starts", Reversed(valid));
        yield return ("unknown ids", MapNamed(valid, (name, n) => name.EndsWith("Id") || name.EndsWith("Ids") ? JsonValue.Create(999_999_999L) : n).ToJsonString());
    }

    // The first time of day (or date-time) late, every later one early: an end before its start.
    private static string Reversed(JsonNode valid)
    {
        var seen = 0;
        return Map(valid, (_, n) => Date(n, "x", "x", "x") is null ? n
            : seen++ == 0 ? Date(n, "2027-02-06T23:00", "2027-02-07", "23:00") : Date(n, "2027-02-06T01:00", "2027-02-06", "01:00")).ToJsonString();
    }

    private static JsonNode? Date(JsonNode? n, string dateTime, string date, string time)
    {
        if (n is not JsonValue v || !v.TryGetValue<string>(out var s)) return null;
        if (DateTimeLike().IsMatch(s)) return JsonValue.Create(dateTime);
        if (DateLike().IsMatch(s)) return JsonValue.Create(date);
        if (TimeLike().IsMatch(s)) return JsonValue.Create(time);
        return null;
    }

    // Rebuilds the value, leaf by leaf (and array by array when asked).
    private static JsonNode Map(JsonNode node, Func<JsonValueKind, JsonNode?, JsonNode?> leaf, Func<JsonArray, JsonNode>? arrays = null, bool keepNull = false)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (k, v) in o) copy[k] = v is null ? null : MapChild(v, leaf, arrays, keepNull);
                return copy;
            case JsonArray a:
                return arrays?.Invoke(a) ?? new JsonArray(a.Select(x => x is null ? null : MapChild(x, leaf, arrays, keepNull)).ToArray());
            default:
                return leaf(node.GetValueKind(), node.DeepClone()) ?? node.DeepClone();
        }
    }

    private static JsonNode? MapChild(JsonNode v, Func<JsonValueKind, JsonNode?, JsonNode?> leaf, Func<JsonArray, JsonNode>? arrays, bool keepNull) =>
        v is JsonObject or JsonArray ? Map(v, leaf, arrays, keepNull) : keepNull ? leaf(v.GetValueKind(), v.DeepClone()) : leaf(v.GetValueKind(), v.DeepClone()) ?? v.DeepClone();

    private static JsonNode MapNamed(JsonNode node, Func<string, JsonNode?, JsonNode?> f)
    {
        if (node is not JsonObject o) return node.DeepClone();
        var copy = new JsonObject();
        foreach (var (k, v) in o)
        {
            copy[k] = v switch
            {
                JsonArray a when k.EndsWith("Ids") => new JsonArray(JsonValue.Create(999_999_999L)),
                JsonObject inner => MapNamed(inner, f),
                JsonArray a => new JsonArray(a.Select(x => x is JsonObject io ? MapNamed(io, f) : x?.DeepClone()).ToArray()),
                _ => f(k, v?.DeepClone()),
            };
        }
        return copy;
    }

    private static JsonNode MapFirstString(JsonNode node, string value)
    {
        var done = false;
        return Map(node, (v, n) =>
        {
            if (done || v != JsonValueKind.String) return n;
            done = true;
            return JsonValue.Create(value);
        });
    }

    // "/api/events/{slug}/rooms/{id:long}" as the OpenAPI document writes it.
    private static string Path(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart pp => "{" + pp.Name + "}",
            RoutePatternSeparatorPart sp => sp.Content,
            _ => "",
        }))));

    [GeneratedRegex(@"^\{(\w+)\}$")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T")]
    private static partial Regex DateTimeLike();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateLike();

    [GeneratedRegex(@"^\d{2}:\d{2}$")]
    private static partial Regex TimeLike();
}
