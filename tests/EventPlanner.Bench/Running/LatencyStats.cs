using System.Diagnostics;

namespace EventPlanner.Bench.Running;

/// <summary>Percentiles over every recorded latency: a sorted array is exact and cheap at these counts.</summary>
public sealed record LatencyStats(double P50Ms, double P90Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencyStats From(long[] stopwatchTicks)
    {
        if (stopwatchTicks.Length == 0) return new LatencyStats(0, 0, 0, 0, 0, 0);
        Array.Sort(stopwatchTicks);
        return new LatencyStats(
            Ms(Percentile(stopwatchTicks, 50)), Ms(Percentile(stopwatchTicks, 90)), Ms(Percentile(stopwatchTicks, 95)),
            Ms(Percentile(stopwatchTicks, 99)), Ms(stopwatchTicks[^1]), Ms((long)stopwatchTicks.Average()));
    }

    // Nearest rank: the smallest value with at least p% of the values at or below it.
    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
