using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Bench.Scenarios;

/// <summary>The floor of the stack: the cheapest endpoint (a pooled SQLite connection and SELECT 1).</summary>
public sealed class HealthzScenario : IScenario
{
    public string Name => "healthz";
    public string Description => "requests per second on /healthz, the cheapest endpoint, against the same bytes as a static file";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        await using var server = await run.StartServerAsync(scale, ct);
        await run.CompareWithStaticFileAsync(result, server, "/healthz", ".txt", ct);
        BenchRun.RecordServer(result, server);
        return result;
    }
}
