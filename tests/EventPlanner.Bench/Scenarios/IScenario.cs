using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;

namespace EventPlanner.Bench.Scenarios;

/// <summary>A named measurement. New scenarios are small classes added to <see cref="ScenarioRegistry.All"/>.</summary>
public interface IScenario
{
    string Name { get; }
    string Description { get; }

    /// <summary>The scales `--all` (or `--scenario NAME` without `--scale`) runs it at.</summary>
    IReadOnlyList<Scale> DefaultScales { get; }

    /// <summary>
    /// Whether it also runs with --engine postgres (issue 19): it starts its servers through
    /// <see cref="BenchRun.StartServerAsync"/> / <see cref="BenchRun.StartServerOnAsync"/> and reads through
    /// <see cref="Running.ServerDatabase"/>, so the run's <see cref="BenchRun.Target"/> decides engine and nodes.
    /// </summary>
    bool RunsOnPostgres => false;

    /// <summary>Runs once per target; <see cref="BenchRun.Target"/> says which engine and how many nodes.</summary>
    Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct);
}

public static class ScenarioRegistry
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new StartupScenario(),
        new HealthzScenario(),
        new PublicEventPageScenario(),
        new ProposalsListScenario(),
        new ReviewsScenario(),
        new CfpRushScenario(),
        new TicketRushScenario(),
        new NotificationsDrainScenario(),
        new WebhooksDrainScenario(),
        new ScheduleScenario(),
        new PublicPagesScenario(),
        new AttendeePagesScenario(),
        new SolveScenario(),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
