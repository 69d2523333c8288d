using System.Reflection;
using System.Runtime.InteropServices;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;
using EventPlanner.Bench.Scenarios;
using EventPlanner.Web;

namespace EventPlanner.Bench;

/// <summary>
/// `dotnet run --project tests/EventPlanner.Bench -c Release -- --all`. Performance claims in the
/// README come from this program's output and nowhere else.
/// </summary>
public static class BenchProgram
{
    private static readonly string Configuration =
        typeof(BenchProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        if (options.Help || args.Length == 0)
        {
            Console.WriteLine(BenchOptions.Usage);
            Console.WriteLine();
            Console.WriteLine(ListText());
            return 0;
        }
        if (options.List)
        {
            Console.WriteLine(ListText());
            return 0;
        }

        List<(IScenario Scenario, Scale Scale, BenchTarget Target)> plan;
        try
        {
            plan = Plan(options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ListText());
            return 2;
        }

        var repoRoot = ContentRoot.Locate();
        if (!File.Exists(AppServer.WebAssembly))
        {
            Console.Error.WriteLine($"The app build is missing at {AppServer.WebAssembly}; build the harness with `dotnet build -c Release` first.");
            return 2;
        }
        if (Configuration != "Release")
        {
            Console.Error.WriteLine($"warning: this is a {Configuration} build of the harness and the app; figures are not representative. Use -c Release.");
        }

        var info = new RunInfo
        {
            StartedAt = DateTimeOffset.UtcNow,
            Commit = RunInfo.GitCommit(repoRoot),
            BuildConfiguration = Configuration,
            Concurrency = options.Concurrency,
            WarmupSeconds = options.Warmup.TotalSeconds,
            DurationSeconds = options.Duration.TotalSeconds,
            Requests = options.Requests,
            Seed = options.Seed,
        };
        Console.WriteLine(ConsoleReport.Header(info));
        Console.WriteLine();

        using var cancel = new CancellationTokenSource();
        // Ctrl+C or a plain kill stops cleanly: servers killed, static files and the temporary folder removed.
        void Stop(PosixSignalContext signal)
        {
            if (cancel.IsCancellationRequested) return; // a second signal is not caught
            signal.Cancel = true;
            Console.Error.WriteLine("stopping ...");
            cancel.Cancel();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var results = new List<ScenarioResult>();
        await using (var run = new BenchRun(options, repoRoot, Console.Out))
        {
            foreach (var (scenario, scale, target) in plan)
            {
                if (cancel.IsCancellationRequested) break;
                Console.WriteLine($"> {scenario.Name} @ {scale.Name} on {target}");
                run.Target = target;
                try
                {
                    var result = await scenario.RunAsync(run, scale, cancel.Token);
                    result.On(target);
                    results.Add(result);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"  {scenario.Name} @ {scale.Name} failed: {e}");
                    var failed = new ScenarioResult { Scenario = scenario.Name, Scale = scale.Name, Failure = e.Message };
                    failed.On(target);
                    results.Add(failed);
                }
            }

            info = info with { LoadAverageAtEnd = RunInfo.LoadAverage(), Postgres = run.PostgresDescription };
            Console.WriteLine();
            Console.WriteLine(ConsoleReport.Header(info));
            Console.WriteLine();
            if (run.Datasets.Count > 0) Console.WriteLine(ConsoleReport.Datasets(run.Datasets));
            Console.WriteLine(ConsoleReport.Results(results));
            var engines = ConsoleReport.Engines(results);
            if (engines.Length > 0) Console.WriteLine(engines);
            var notes = ConsoleReport.Notes(results);
            if (notes.Length > 0) Console.WriteLine(notes + "\n");
            var failedChecks = ConsoleReport.FailedChecks(results);
            if (failedChecks.Length > 0) Console.WriteLine(failedChecks + "\n");

            if (results.Count > 0)
            {
                var output = options.Output ?? Path.Combine(repoRoot, "tests", "EventPlanner.Bench", "results", $"{info.StartedAt:yyyyMMdd-HHmmss}.json");
                Console.WriteLine("JSON: " + await JsonReport.WriteAsync(output, info, run.Datasets, results));
            }
        }

        if (cancel.IsCancellationRequested) return 130;
        return results.Any(r => r.Failure is not null || r.Checks.Any(c => !c.Passed)) ? 1 : 0;
    }

    /// <summary>
    /// Scenario by scenario, each at its scales, each on every target (SQLite first): the rows to compare sit together.
    /// PostgreSQL runs only the scenarios made for it; naming another with --engine postgres is an error, with
    /// --engine all it runs on SQLite alone.
    /// </summary>
    public static List<(IScenario Scenario, Scale Scale, BenchTarget Target)> Plan(BenchOptions options)
    {
        var scale = options.Scale is null ? null
            : Scales.Find(options.Scale) ?? throw new ArgumentException($"Unknown scale '{options.Scale}'.");
        if (!options.All && options.Scenarios.Count == 0) throw new ArgumentException("Choose --all or --scenario NAME.");
        var scenarios = options.All
            ? ScenarioRegistry.All
            : options.Scenarios.Select(n => ScenarioRegistry.Find(n) ?? throw new ArgumentException($"Unknown scenario '{n}'.")).Distinct().ToList();
        var targets = options.Targets();
        if (targets.All(t => t.IsPostgres))
        {
            scenarios = options.All ? scenarios.Where(s => s.RunsOnPostgres).ToList() : scenarios;
            if (scenarios.FirstOrDefault(s => !s.RunsOnPostgres) is { } sqliteOnly)
            {
                throw new ArgumentException($"'{sqliteOnly.Name}' runs on SQLite only; on PostgreSQL: " +
                    string.Join(", ", ScenarioRegistry.All.Where(s => s.RunsOnPostgres).Select(s => s.Name)) + ".");
            }
        }
        return scenarios
            .SelectMany(s => (scale is null ? s.DefaultScales : [scale])
                .SelectMany(sc => targets.Where(t => !t.IsPostgres || s.RunsOnPostgres).Select(t => (s, sc, t))))
            .ToList();
    }

    private static string ListText()
    {
        var scenarios = new TextTable(("scenario", true), ("default scales", true), ("engines", true), ("measures", true));
        foreach (var s in ScenarioRegistry.All)
        {
            scenarios.Add(s.Name, string.Join(", ", s.DefaultScales.Select(x => x.Name)), s.RunsOnPostgres ? "sqlite, postgres" : "sqlite", s.Description);
        }
        var scales = new TextTable(("scale", true), ("accounts", false), ("rooms", false), ("days", false), ("description", true));
        foreach (var s in Scales.All) scales.Add(s.Name, $"{s.Accounts:N0}", $"{s.Rooms}", $"{s.Days}", s.Description);
        return scenarios + "\n" + scales;
    }
}
