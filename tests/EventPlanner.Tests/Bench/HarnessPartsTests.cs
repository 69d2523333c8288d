using System.Diagnostics;
using EventPlanner.Bench;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Tests.Bench;

/// <summary>The harness's own arithmetic and command line (its figures are only as good as these).</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class HarnessPartsTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_every_recorded_latency()
    {
        // 1..100 ms, shuffled: the p-th percentile of 100 values is the p-th smallest.
        var ticks = Enumerable.Range(1, 100).Select(ms => ms * Stopwatch.Frequency / 1000).Reverse().ToArray();

        var stats = LatencyStats.From(ticks);

        Assert.Equal(50, stats.P50Ms, precision: 6);
        Assert.Equal(90, stats.P90Ms, precision: 6);
        Assert.Equal(95, stats.P95Ms, precision: 6);
        Assert.Equal(99, stats.P99Ms, precision: 6);
        Assert.Equal(100, stats.MaxMs, precision: 6);
        Assert.Equal(50.5, stats.MeanMs, precision: 3);
    }

    [Fact]
    public void Command_line_reads_times_counts_and_repeated_scenarios()
    {
        var options = BenchOptions.Parse(["--scenario", "healthz,startup", "--scenario", "public-event-page", "--scale", "fosdem",
            "--duration", "1m", "--warmup", "500ms", "--concurrency", "4", "--requests", "1000"]);

        Assert.Equal(["healthz", "startup", "public-event-page"], options.Scenarios);
        Assert.Equal("fosdem", options.Scale);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Warmup);
        Assert.Equal(4, options.Concurrency);
        Assert.Equal(1000, options.Requests);
    }

    [Fact]
    public void A_failed_check_is_printed_as_FAIL_beside_the_passed_ones()
    {
        var result = new ScenarioResult { Scenario = "ticket-rush", Scale = "fosdem" };
        result.Check("sold = 1,000", false, "998 valid tickets");
        result.Check("errors = 0", true, "0 of 5,000");

        var table = ConsoleReport.Results([result]);
        var failures = ConsoleReport.FailedChecks([result]);

        Assert.Contains("check: sold = 1,000 (998 valid tickets)", table);
        Assert.Contains("FAIL", table);
        Assert.Contains("PASS", table);
        Assert.Equal("FAIL  ticket-rush @ fosdem on SQLite 1 node: sold = 1,000 (998 valid tickets)", failures);
    }

    [Theory]
    [InlineData("--durations", "10s")]
    [InlineData("--duration", "ten")]
    [InlineData("--duration", "0")]
    [InlineData("--concurrency", "0")]
    public void Command_line_refuses_what_it_does_not_understand(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse([name, value]));
    }
}
