using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The public pages attendees open on the morning of the event (issue 20), anonymous, each against its own bytes
/// served as a static file by the same server: the home page, the event page, the call for papers, a session page, a
/// speaker page and the kiosk, on a released schedule. Target 0.8 of the static rate for each.
/// </summary>
public sealed class PublicPagesScenario : IScenario
{
    private const double Target = 0.8;

    public string Name => "public-pages";
    public string Description => "home, event, CfP, session, speaker and kiosk pages (released schedule, anonymous) against the same bytes as static files";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Fosdem];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);

        // Like the schedule scenario: a released schedule in this scenario's own copy of the data set.
        var folder = Path.Combine(run.TempRoot, $"public-pages-{scale.Name}");
        Directory.CreateDirectory(folder);
        File.Copy(data.DatabasePath, Path.Combine(folder, Path.GetFileName(data.DatabasePath)), overwrite: true);
        var placed = await ScheduleStep.ApplyAsync(folder, scale, run.Options.Seed, ct);
        result.Figures.Add(new Figure("sessions placed and released", placed, "sessions"));

        await using var server = await AppServer.StartAsync(folder, run.RepoRoot, ct,
            new Dictionary<string, string> { ["EventPlanner__Diagnostics__CountQueries"] = "true" });
        var slug = data.EventSlug;

        // A session and a speaker from the released schedule itself.
        using var json = JsonDocument.Parse(await BenchRun.FetchAsync(server, $"/events/{slug}/schedule.json", ct));
        var talk = json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("rooms").EnumerateObject()).SelectMany(r => r.Value.EnumerateArray())
            .First(s => s.GetProperty("persons").GetArrayLength() > 0);
        var sessionId = talk.GetProperty("id").GetInt64();
        var speakerId = talk.GetProperty("persons")[0].GetProperty("id").GetInt64();

        var pages = new (string Label, string Path)[]
        {
            ("home", "/"),
            ("event", $"/events/{slug}"),
            ("cfp", $"/events/{slug}/cfp"),
            ("session", $"/events/{slug}/sessions/{sessionId}"),
            ("speaker", $"/events/{slug}/speakers/{speakerId}"),
            ("kiosk", $"/events/{slug}/kiosk"),
        };
        foreach (var (label, path) in pages)
        {
            var sub = new ScenarioResult { Scenario = $"{Name}-{label}", Scale = scale.Name };
            await run.CompareWithStaticFileAsync(sub, server, path, ".html", ct);
            result.Loads.AddRange(sub.Loads);
            var ratio = sub.Ratios.First(r => r.Name == "rps app/static");
            result.Ratios.Add(ratio with { Name = $"rps app/static {label}" });
            result.Check($"{path} keeps {Target:P0} of the static-file rate of its own bytes", ratio.Value >= Target, $"{ratio.Value:F2}");
        }
        BenchRun.RecordServer(result, server);
        return result;
    }
}
