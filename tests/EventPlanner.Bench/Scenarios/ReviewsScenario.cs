using System.Globalization;
using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// Issue 6's performance line: the ranking page (every proposal with its weighted total, median, spread and
/// per-criterion averages, and the two SVG charts) and a reviewer's queue page, each under load with an API token
/// (pages accept it as the API does); their server time (target p95 under 200 ms on the 2-core machine), and the SQL
/// statements each runs per request, read from X-Query-Count, which must be the same at every scale.
/// </summary>
public sealed class ReviewsScenario : IScenario
{
    private const int Probes = 10;
    private const double TargetP95Ms = 200;

    private readonly Dictionary<(string Page, string Scale), int> _counts = [];

    public string Name => "reviews";
    public string Description => "the ranking page (organiser) and a reviewer's queue page: p95 against the 200 ms target, and SQL statements per request at each scale";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        await using var server = await run.StartServerAsync(scale, ct, new Dictionary<string, string> { ["EventPlanner__Diagnostics__CountQueries"] = "true" });

        // The reviewer with the most assignments: the longest queue the committee has.
        var reviewer = await ServerDatabase.ScalarAsync<string>(server, """
            SELECT u.email FROM review_assignments a JOIN users u ON u.id = a.user_id JOIN proposals p ON p.id = a.proposal_id
            JOIN events e ON e.id = p.event_id WHERE e.slug = @slug GROUP BY u.id ORDER BY COUNT(*) DESC, u.id LIMIT 1
            """, new { slug = data.EventSlug }, ct);
        var (proposals, reviews) = (await ServerDatabase.QueryAsync<(long, long)>(server, """
            SELECT (SELECT COUNT(*) FROM proposals p JOIN events e ON e.id = p.event_id WHERE e.slug = @slug AND p.state NOT IN ('draft', 'withdrawn')),
                   (SELECT COUNT(*) FROM reviews r JOIN proposals p ON p.id = r.proposal_id JOIN events e ON e.id = p.event_id WHERE e.slug = @slug)
            """, new { slug = data.EventSlug }, ct)).Single();
        result.Figures.Add(new Figure("proposals ranked", proposals, "proposals"));
        result.Figures.Add(new Figure("reviews", reviews, "reviews"));

        foreach (var (page, path, token) in new[]
        {
            ("ranking", $"/events/{data.EventSlug}/ranking", data.ApiToken(data.OrganiserEmail)),
            ("queue", $"/events/{data.EventSlug}/review?show=everything", data.ApiToken(reviewer)),
        })
        {
            var (bytes, _) = await GetAsync(server, path, token, ct);
            var load = await run.LoadAsync(server, path, $"GET {path} ({bytes / 1024.0:N0} KB)", baseline: false, ct, BenchApi.BearerHeader(token));
            result.Loads.Add(load);
            result.Check($"{page}: p95 under {TargetP95Ms:N0} ms", load.Latency.P95Ms < TargetP95Ms, $"p95 {load.Latency.P95Ms:F1} ms");

            var counts = new List<int>();
            for (var i = 0; i < Probes; i++) counts.Add((await GetAsync(server, path, token, ct)).QueryCount);
            var distinct = counts.Distinct().Order().ToList();
            result.Figures.Add(new Figure($"{page}: SQL statements per request", distinct[^1], "statements"));
            result.Figures.Add(new Figure($"{page}: page size", bytes / 1024.0, "KB"));
            result.Check($"{page}: same statement count on every request", distinct.Count == 1, $"counts seen: {string.Join(", ", distinct)}");
            _counts[(page, scale.Name)] = distinct[^1];
            foreach (var ((p, other), count) in _counts.Where(c => c.Key.Page == page && c.Key.Scale != scale.Name))
            {
                result.Check($"{page}: same statement count as at {other}", count == distinct[^1], $"{other}: {count}, {scale.Name}: {distinct[^1]}");
            }
            run.Log($"    {page}: {bytes / 1024.0:N0} KB, {distinct[^1]} SQL statements per request");
        }
        result.Notes.Add("latencies are measured by the load generator on the same machine (request sent to last byte read), so they include " +
                         "rendering and reading the whole page; statement counts include the per-connection pragmas, the token and role checks and the layout.");
        BenchRun.RecordServer(result, server);
        return result;
    }

    private static async Task<(int Bytes, int QueryCount)> GetAsync(AppServer server, string path, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.SendAsync(BenchApi.Request(HttpMethod.Get, path, token), ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}; expected 200.\n{server.Output()}");
        if (!response.Headers.TryGetValues("X-Query-Count", out var values)
            || !int.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new InvalidOperationException($"GET {path} carried no X-Query-Count header: is EventPlanner:Diagnostics:CountQueries honoured?");
        }
        return ((await response.Content.ReadAsByteArrayAsync(ct)).Length, count);
    }
}
