using System.Globalization;
using System.Net;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The organisers' proposals list (issue 5, second half; paged by default since issue 20): its first page as JSON
/// (100 proposals, the next page's cursor in Link), signed in with an organiser's API token, against the same bytes as a static file; and the SQL statements it runs per
/// request, read from the app's X-Query-Count header (counting switched on), which must not grow with
/// the number of proposals: the same at small and at fosdem scale.
/// </summary>
public sealed class ProposalsListScenario : IScenario
{
    public const string Route = "/api/events/{slug}/proposals";
    private const int Probes = 20;

    // The count at each scale measured so far in this run, to compare the next scale's with.
    private readonly Dictionary<string, int> _countsByScale = new(StringComparer.Ordinal);

    public string Name => "proposals-list";
    public string Description => $"the organisers' proposals list (GET {Route}, its default first page of 100) against the same bytes as a static file, and SQL statements per request at each scale";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        // Counting costs one native callback per statement: nothing beside a list of this size.
        await using var server = await run.StartServerAsync(scale, ct, new Dictionary<string, string> { ["EventPlanner__Diagnostics__CountQueries"] = "true" });
        var path = Route.Replace("{slug}", data.EventSlug, StringComparison.Ordinal);
        var token = data.ApiToken(data.OrganiserEmail);

        var expected = await ServerDatabase.ScalarAsync<long>(server,
            "SELECT COUNT(*) FROM proposals p JOIN events e ON e.id = p.event_id WHERE e.slug = @slug AND p.state <> 'draft'", new { slug = data.EventSlug }, ct);
        var (body, _) = await GetAsync(server, path, token, ct);
        var items = JsonDocument.Parse(body).RootElement.GetArrayLength();
        expected = Math.Min(expected, EventPlanner.Web.Features.Submissions.ProposalList.PageSize);
        if (items != expected) throw new InvalidOperationException($"GET {path} listed {items} proposals; expected {expected} (a page, or every submitted one when fewer).");

        var staticPath = run.WriteStaticFile($"{Name}-{scale.Name}.json", body);
        var app = await run.LoadAsync(server, path, $"GET {path} ({items:N0} proposals, organiser's token)", baseline: false, ct, BenchApi.BearerHeader(token));
        var baseline = await run.LoadAsync(server, staticPath, $"static file, same {body.Length:N0} bytes", baseline: true, ct);
        result.Loads.Add(app);
        result.Loads.Add(baseline);
        result.Ratios.Add(new Ratio("rps app/static", app.RequestsPerSecond / baseline.RequestsPerSecond,
            "share of the static-file throughput the list keeps"));
        result.Ratios.Add(new Ratio("p50 app/static", app.Latency.P50Ms / baseline.Latency.P50Ms, "median latency over the static file's"));

        // After the load, so the token's first-use write (last_used_at) is long done and every probe runs the same statements.
        var counts = new List<int>();
        for (var i = 0; i < Probes; i++) counts.Add((await GetAsync(server, path, token, ct)).QueryCount);
        var distinct = counts.Distinct().Order().ToList();
        result.Figures.Add(new Figure("proposals listed", items, "proposals"));
        result.Figures.Add(new Figure("response size", body.Length / 1024.0, "KB"));
        result.Figures.Add(new Figure($"SQL statements per request (X-Query-Count, {Probes} requests)", distinct[^1], "statements"));
        result.Check("same statement count on every request", distinct.Count == 1, $"counts seen: {string.Join(", ", distinct)}");
        _countsByScale[scale.Name] = distinct[^1];
        foreach (var (other, count) in _countsByScale.Where(c => c.Key != scale.Name))
        {
            result.Check($"same statement count as at {other}", count == distinct[^1], $"{other}: {count}, {scale.Name}: {distinct[^1]}");
        }
        result.Notes.Add("latencies are measured by the load generator on the same machine (request sent to last byte read), so they include reading the whole list; " +
                         "the statement count includes the per-connection pragmas and the API-token and organiser checks.");
        BenchRun.RecordServer(result, server);
        run.Log($"    {items:N0} proposals, {body.Length / 1024.0:N0} KB, {distinct[^1]} SQL statements per request");
        return result;
    }

    private static async Task<(byte[] Body, int QueryCount)> GetAsync(AppServer server, string path, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.SendAsync(BenchApi.Request(HttpMethod.Get, path, token), ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}; expected 200.\n{server.Output()}");
        if (!response.Headers.TryGetValues("X-Query-Count", out var values)
            || !int.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new InvalidOperationException($"GET {path} carried no X-Query-Count header: is EventPlanner:Diagnostics:CountQueries honoured?");
        }
        return (await response.Content.ReadAsByteArrayAsync(ct), count);
    }
}
