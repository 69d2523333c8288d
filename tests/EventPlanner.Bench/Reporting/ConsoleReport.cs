using System.Globalization;
using EventPlanner.Bench.Generator;

namespace EventPlanner.Bench.Reporting;

/// <summary>The tables printed at the end of a run (README figures are copied from these).</summary>
public static class ConsoleReport
{
    public static string Header(RunInfo info) =>
        $"EventPlanner bench  {info.StartedAt:yyyy-MM-dd HH:mm} UTC  |  {info.ProcessorCount} CPUs  |  {info.DotnetVersion}  |  " +
        $"{info.Os} {info.Architecture}  |  commit {info.Commit ?? "unknown"}  |  {info.BuildConfiguration}\n" +
        $"load: {info.Concurrency} connections, {info.WarmupSeconds:0.#} s warm-up, " +
        (info.Requests is { } n ? $"{n:N0} requests" : $"{info.DurationSeconds:0.#} s") + " measured per load; " +
        "client and server share the machine (CPU: 100% = one core)" +
        (info.LoadAverageAtStart is { } start ? $"; load average {start:F1} at start" + (info.LoadAverageAtEnd is { } end ? $", {end:F1} at end" : "") : "") +
        (info.Postgres is { } postgres ? $"\nPostgreSQL: {postgres}" : "");

    public static string Results(IEnumerable<ScenarioResult> results)
    {
        var table = new TextTable(("scenario", true), ("scale", true), ("engine", true), ("measure", true), ("value", false),
            ("p50 ms", false), ("p90 ms", false), ("p95 ms", false), ("p99 ms", false), ("max ms", false), ("errors", false), ("server CPU", false), ("client CPU", false));
        foreach (var r in results)
        {
            if (r.Failure is not null)
            {
                table.Add(r.Scenario, r.Scale, r.Target, "FAILED", r.Failure.Split('\n')[0]);
                continue;
            }
            foreach (var load in r.Loads)
            {
                table.Add(r.Scenario, r.Scale, r.Target, (load.Baseline ? "baseline: " : "") + load.Label, $"{load.RequestsPerSecond:N0} req/s",
                    Ms(load.Latency.P50Ms), Ms(load.Latency.P90Ms), Ms(load.Latency.P95Ms), Ms(load.Latency.P99Ms), Ms(load.Latency.MaxMs),
                    load.Errors.ToString("N0", CultureInfo.InvariantCulture), Percent(load.ServerCpuPercent), Percent(load.ClientCpuPercent));
            }
            foreach (var ratio in r.Ratios) table.Add(r.Scenario, r.Scale, r.Target, "ratio: " + ratio.Name, $"{ratio.Value:F2}");
            foreach (var figure in r.Figures) table.Add(r.Scenario, r.Scale, r.Target, figure.Name, Value(figure.Value, figure.Unit));
            foreach (var check in r.Checks) table.Add(r.Scenario, r.Scale, r.Target, $"check: {check.Name} ({check.Detail})", check.Verdict);
            table.Add(r.Scenario, r.Scale, r.Target, "cold start to first healthy response", Value(r.ColdStartMs, "ms"));
            table.Add(r.Scenario, r.Scale, r.Target, "peak working set (server)", Value(r.PeakWorkingSetMb, "MB"));
        }
        return table.ToString();
    }

    /// <summary>
    /// The engines side by side (issue 19), only when a run measured a scenario on more than one target: every measured
    /// load that is neither a baseline nor a warm-up, per target, with rps and p99 over the SQLite row of the same run,
    /// and the scenario's checks passed on that target. Empty when there is nothing to compare.
    /// </summary>
    public static string Engines(IEnumerable<ScenarioResult> results)
    {
        var groups = results.Where(r => r.Failure is null).GroupBy(r => (r.Scenario, r.Scale)).Where(g => g.Select(r => r.Target).Distinct().Count() > 1).ToList();
        if (groups.Count == 0) return "";
        var table = new TextTable(("scenario", true), ("scale", true), ("measure", true), ("engine", true), ("req/s", false),
            ("p50 ms", false), ("p95 ms", false), ("p99 ms", false), ("errors", false), ("rps / SQLite", false), ("p99 / SQLite", false), ("checks", true));
        foreach (var group in groups)
        {
            var reference = group.FirstOrDefault(r => r.Engine == "sqlite");
            foreach (var label in group.SelectMany(r => Compared(r)).Select(l => l.Label).Distinct())
            {
                var baseLoad = reference is null ? null : Compared(reference).FirstOrDefault(l => l.Label == label);
                foreach (var r in group)
                {
                    if (Compared(r).FirstOrDefault(l => l.Label == label) is not { } load) continue;
                    table.Add(r.Scenario, r.Scale, label, r.Target, $"{load.RequestsPerSecond:N0}", Ms(load.Latency.P50Ms), Ms(load.Latency.P95Ms),
                        Ms(load.Latency.P99Ms), load.Errors.ToString("N0", CultureInfo.InvariantCulture),
                        baseLoad is null ? "" : Times(load.RequestsPerSecond, baseLoad.RequestsPerSecond),
                        baseLoad is null ? "" : Times(load.Latency.P99Ms, baseLoad.Latency.P99Ms),
                        $"{r.Checks.Count(c => c.Passed)}/{r.Checks.Count} PASS");
                }
            }
        }
        return "engines side by side (ratios over the SQLite row of this run):\n" + table;
    }

    // What the engine comparison shows of a result: its own measured loads, not the baselines or warm-ups around them.
    private static IEnumerable<Running.LoadResult> Compared(ScenarioResult r) =>
        r.Loads.Where(l => !l.Baseline && !l.Label.StartsWith("warm-up", StringComparison.Ordinal));

    private static string Times(double value, double reference) =>
        reference > 0 ? (value / reference).ToString("F2", CultureInfo.InvariantCulture) + "x" : "";

    /// <summary>One line per failed check, each starting with FAIL, or empty when every check passed.</summary>
    public static string FailedChecks(IEnumerable<ScenarioResult> results) =>
        string.Join('\n', results.SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => $"FAIL  {r.Scenario} @ {r.Scale} on {r.Target}: {c.Name} ({c.Detail})")));

    public static string Datasets(IEnumerable<GeneratedData> datasets)
    {
        var table = new TextTable(("data", true), ("seed", false), ("generated in", false), ("accounts", false), ("rooms", false),
            ("tracks", false), ("roles", false), ("proposals", false), ("API tokens", false), ("not generated yet", true), ("digest (SHA-256)", true));
        foreach (var d in datasets.OrderBy(d => d.Scale.Accounts))
        {
            long Rows(string table) => d.Digest.RowCounts.GetValueOrDefault(table);
            table.Add(d.Scale.Name, d.Seed.ToString(CultureInfo.InvariantCulture), $"{d.Seconds:F1} s", $"{Rows("users"):N0}",
                $"{Rows("rooms"):N0}", $"{Rows("tracks"):N0}", $"{Rows("event_roles"):N0}", $"{Rows("proposals"):N0}", $"{Rows("api_tokens"):N0}",
                $"{d.Scale.Reviews:N0} reviews, {d.Scale.Sessions:N0} sessions, {d.Scale.Stars:N0} stars",
                d.Digest.Sha256[..16]);
        }
        return table.ToString();
    }

    public static string Notes(IEnumerable<ScenarioResult> results) =>
        string.Join('\n', results.SelectMany(r => r.Notes.Select(n => $"- {r.Scenario} @ {r.Scale} on {r.Target}: {n}")).Distinct()
            .Concat(results.SelectMany(r => r.Loads.Where(l => l.FirstError is not null)
                .Select(l => $"- {r.Scenario} @ {r.Scale} on {r.Target}: {l.Label}: first error: {l.FirstError}"))));

    private static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("F2", CultureInfo.InvariantCulture),
        < 100 => ms.ToString("F1", CultureInfo.InvariantCulture),
        _ => ms.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Percent(double? value) => value is { } v ? $"{v:F0}%" : "";

    private static string Value(double value, string unit) => unit switch
    {
        "ms" => $"{Ms(value)} ms",
        _ when value == Math.Floor(value) => $"{value.ToString("N0", CultureInfo.InvariantCulture)} {unit}",
        _ => $"{value.ToString(value < 100 ? "F1" : "N0", CultureInfo.InvariantCulture)} {unit}",
    };
}
