using System.Net;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The released schedule as attendees' apps and browsers fetch it (issue 7's benchmark): schedule.json,
/// schedule.xml and the public day grid, anonymous, each against the same bytes served as a static file by the
/// same server; target 0.8 of the static rate. Then schedule.json with Accept-Encoding: br (issue 20): at most 12 % of
/// the raw bytes on the wire, and 0.8 of the rate of those compressed bytes as a static file. Also the organisers' grid of the busiest day: SQL statements per
/// request (X-Query-Count), which must be the same on every request and at every scale.
/// </summary>
public sealed class ScheduleScenario : IScenario
{
    private const double Target = 0.8;
    private const int Probes = 10;
    private const double MaxWireShare = 0.12;

    public string Name => "schedule";
    public string Description => "schedule.json, schedule.xml and the public day grid (released, anonymous) against the same bytes as static files; schedule.json br on the wire and against its br bytes as a static file; organiser grid SQL statements per request";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];
    public bool RunsOnPostgres => true;

    private readonly Dictionary<(string Run, string Scale), (string Database, int Placed)> _scheduled = [];

    private async Task<(string Database, int Placed)> ScheduledAsync(BenchRun run, Scale scale, string dataset, CancellationToken ct)
    {
        if (_scheduled.TryGetValue((run.RunId, scale.Name), out var done)) return done;
        var folder = Path.Combine(run.TempRoot, $"schedule-{scale.Name}");
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, Path.GetFileName(dataset));
        File.Copy(dataset, database, overwrite: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var placed = await ScheduleStep.ApplyAsync(folder, scale, run.Options.Seed, ct);
        run.Log($"  scheduled {placed:N0} sessions for '{scale.Name}' in {watch.Elapsed.TotalSeconds:F1} s");
        return _scheduled[(run.RunId, scale.Name)] = (database, placed);
    }

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);

        // The schedule goes into this scenario's own copy of the data set (see ScheduleStep), once per scale and run
        // (placing FOSDEM's 1,100 sessions took three minutes on a busy machine); each engine and node mix then starts
        // on its own copy of that.
        var (scheduled, placed) = await ScheduledAsync(run, scale, data.DatabasePath, ct);
        var folder = Path.Combine(run.TempRoot, $"schedule-{scale.Name}-{run.Target.EngineName}-{run.Target.Nodes}");
        Directory.CreateDirectory(folder);
        File.Copy(scheduled, Path.Combine(folder, Path.GetFileName(scheduled)), overwrite: true);
        result.Figures.Add(new Figure("sessions placed and released", placed, "sessions"));

        // On PostgreSQL the scheduled copy goes into a fresh database that the target's nodes share.
        await using var server = await run.StartServerOnAsync(folder, ct,
            new Dictionary<string, string> { ["EventPlanner__Diagnostics__CountQueries"] = "true" });
        var slug = data.EventSlug;
        var day = scale.StartsOn.ToString("yyyy-MM-dd");
        foreach (var (path, extension) in new[] { ($"/events/{slug}/schedule.json", ".json"), ($"/events/{slug}/schedule.xml", ".xml"), ($"/events/{slug}/schedule/{day}", ".html") })
        {
            var sub = new ScenarioResult { Scenario = $"{Name}{extension}", Scale = scale.Name };
            await run.CompareWithStaticFileAsync(sub, server, path, extension, ct);
            result.Loads.AddRange(sub.Loads);
            var ratio = sub.Ratios.First(r => r.Name == "rps app/static");
            result.Ratios.Add(ratio with { Name = $"rps app/static {extension}" });
            result.Check($"{path} keeps {Target:P0} of the static-file rate", ratio.Value >= Target, $"{ratio.Value:F2}");
        }

        // Compressed: what a phone gets. At most 12 % of the raw bytes on the wire, at 0.8 of the rate of the same
        // compressed bytes served as a static file.
        var json = $"/events/{slug}/schedule.json";
        var coded = new ScenarioResult { Scenario = $"{Name}.json.br", Scale = scale.Name };
        var (raw, wire) = await run.CompareCompressedWithStaticFileAsync(coded, server, json, ".json", "br", ct);
        result.Loads.AddRange(coded.Loads);
        result.Ratios.AddRange(coded.Ratios);
        result.Figures.Add(new Figure("schedule.json raw / br on the wire", raw, $"bytes raw, {wire:N0} br"));
        var wireShare = (double)wire / raw;
        result.Check($"{json} with Accept-Encoding: br is at most {MaxWireShare:P0} of its raw size", wireShare <= MaxWireShare, $"{wireShare:P1}");
        var codedRatio = coded.Ratios.First(r => r.Name.StartsWith("rps app/static", StringComparison.Ordinal)).Value;
        result.Check($"{json} (br) keeps {Target:P0} of the static-file rate of its compressed bytes", codedRatio >= Target, $"{codedRatio:F2}");

        if (server.Database.IsPostgres)
        {
            // Statement counting hooks SQLite's trace callback (QueryTally); PostgreSQL has no such per-connection hook.
            result.Notes.Add("the organiser grid's SQL statements per request are counted on SQLite only (QueryTally hooks SQLite's trace callback).");
            BenchRun.RecordServer(result, server);
            BenchRun.RecordNodes(result, server);
            return result;
        }

        var token = data.ApiToken(data.OrganiserEmail);
        var grid = $"/events/{slug}/schedule/manage/{day}?step=15";
        var counts = new List<int>();
        int first;
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
        {
            async Task<int> ProbeAsync()
            {
                using var request = BenchApi.Request(HttpMethod.Get, grid, token);
                using var response = await client.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {grid} answered {(int)response.StatusCode}.\n{server.Output()}");
                return int.Parse(response.Headers.GetValues("X-Query-Count").Single());
            }
            // The token's first call in five minutes also records its use (ApiTokenStore: one write transaction, 5
            // statements with its connection's PRAGMAs): that is authentication, not the grid, so it is reported apart
            // and the probes follow it (as in the proposals-list scenario).
            first = await ProbeAsync();
            for (var i = 0; i < Probes; i++) counts.Add(await ProbeAsync());
        }
        result.Figures.Add(new Figure($"organiser grid of {day}: first request with a fresh API token (records the token's use)", first, "statements"));
        var distinct = counts.Distinct().ToList();
        result.Figures.Add(new Figure($"organiser grid of {day}: SQL statements per request ({Probes} requests)", distinct.Max(), "statements"));
        result.Check("organiser grid runs the same statements on every request", distinct.Count == 1, string.Join(", ", distinct));
        BenchRun.RecordServer(result, server);
        BenchRun.RecordNodes(result, server);
        return result;
    }
}
