using System.Text.Json;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Tests.Bench;

/// <summary>
/// The solve scenario reports NaN when a run finds nothing (no objective, no first solution) and an infinite ratio
/// over a greedy baseline of 0; the JSON report used to throw on them after every measurement had been taken.
/// </summary>
[Trait("Engine", "Both")] // no database: runs in both passes
public sealed class SolveReportTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"), "solve.json");

    [Fact]
    public async Task A_run_that_found_nothing_is_written_with_its_NaN_and_infinite_figures()
    {
        var result = new ScenarioResult { Scenario = "solve", Scale = "small" };
        result.Figures.Add(new Figure("slot 10 s: objective", double.NaN, ""));
        result.Figures.Add(new Figure("slot 10 s: first feasible", 1.5, "s"));
        result.Ratios.Add(new Ratio("co-stars in clash / greedy", double.PositiveInfinity, "target <= 0.5"));

        await JsonReport.WriteAsync(_path, new RunInfo { StartedAt = DateTimeOffset.UnixEpoch, BuildConfiguration = "Release" }, [], [result]);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_path));
        var figures = json.RootElement.GetProperty("scenarios")[0].GetProperty("figures");
        Assert.Equal("NaN", figures[0].GetProperty("value").GetString());
        Assert.Equal(1.5, figures[1].GetProperty("value").GetDouble());
        Assert.Equal("Infinity", json.RootElement.GetProperty("scenarios")[0].GetProperty("ratios")[0].GetProperty("value").GetString());
    }

    public void Dispose()
    {
        var dir = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
