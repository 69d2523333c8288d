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
