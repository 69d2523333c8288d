using System.Diagnostics;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// Cold start, several times over: process start to the first healthy response, then the first
/// render of the public page (its JIT and first queries), each on a fresh copy of the database.
/// </summary>
public sealed class StartupScenario : IScenario
{
    public const int Starts = 5;

    public string Name => "startup";
    public string Description => $"cold start to first healthy response and to first page, {Starts} starts on fresh copies of the database";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        var coldStarts = new List<double>();
        var firstPages = new List<double>();
        var peaks = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            await using var server = await run.StartServerAsync(scale, ct);
            var watch = Stopwatch.StartNew();
            await BenchRun.FetchAsync(server, PublicEventPageScenario.PathFor(data.EventSlug), ct);
            firstPages.Add(watch.Elapsed.TotalMilliseconds);
            coldStarts.Add(server.ColdStart.TotalMilliseconds);
            peaks.Add(server.Sample().PeakWorkingSetBytes / 1024.0 / 1024.0);
        }

        result.ColdStartMs = Median(coldStarts);
        result.PeakWorkingSetMb = peaks.Max();
        result.Figures.Add(new Figure("cold start, fastest", coldStarts.Min(), "ms"));
        result.Figures.Add(new Figure("cold start, slowest", coldStarts.Max(), "ms"));
        result.Figures.Add(new Figure("first page after healthy (median)", Median(firstPages), "ms"));
        result.Notes.Add($"cold start is the median of {Starts} starts; each start has a fresh database copy and new data-protection keys, the OS file cache is warm after the first.");
        run.Log($"    cold start {result.ColdStartMs:F0} ms (median of {Starts}), first page {Median(firstPages):F0} ms, peak working set {result.PeakWorkingSetMb:F0} MB");
        return result;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
