using System.Globalization;

namespace EventPlanner.Bench;

/// <summary>The command line. Unknown or malformed arguments are an error with the usage text, never a guess.</summary>
public sealed record BenchOptions
{
    public bool All { get; init; }
    public bool List { get; init; }
    public bool Help { get; init; }
    public IReadOnlyList<string> Scenarios { get; init; } = [];
    public string? Scale { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public long? Requests { get; init; }
    public int Concurrency { get; init; } = 8;
    public int Seed { get; init; } = Generator.DataGenerator.DefaultSeed;
    public string? Output { get; init; }
    /// <summary>sqlite (the default), postgres or all (SQLite first, then PostgreSQL).</summary>
    public string Engine { get; init; } = "sqlite";
    /// <summary>App nodes on PostgreSQL; null runs both 1 and 2.</summary>
    public int? Nodes { get; init; }

    public const string Usage = """
        EventPlanner benchmark harness: starts the real app (Release build, real Kestrel, loopback port,
        fresh SQLite database in a temporary folder) and drives it over HTTP. With --engine postgres the same
        generated data is copied into a fresh PostgreSQL database per run, and one or two app processes share it.

        usage: dotnet run --project tests/EventPlanner.Bench -c Release -- [options]

          --all                 every scenario at its default scales
          --scenario NAME       one scenario (repeat, or separate names with commas)
          --scale NAME          run the chosen scenarios at this scale only (small, fosdem)
          --duration TIME       measured time per load, e.g. 10s, 1m (default 10s)
          --warmup TIME         warm-up before each load (default 3s)
          --requests N          measure N requests instead of a fixed duration
          --concurrency N       parallel connections of the load generator (default 8)
          --seed N              data generator seed (default 20270206)
          --out FILE            JSON results file (default tests/EventPlanner.Bench/results/<timestamp>.json)
          --engine NAME         sqlite (default), postgres or all; PostgreSQL runs ticket-rush, cfp-rush and schedule,
                                on the server in EVENTPLANNER_BENCH_POSTGRES (an admin connection string) or on a
                                throw-away cluster started with .ci/postgres-throwaway and stopped at the end
          --nodes N             app processes on the PostgreSQL database, 1 or 2, the load split across them
                                (default: both, one after the other; SQLite always has one)
          --list                list scenarios and scales
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var scenarios = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--all" => options with { All = true },
                "--list" => options with { List = true },
                "--help" or "-h" or "-?" => options with { Help = true },
                "--scenario" => Add(options, scenarios, Value()),
                "--scale" => options with { Scale = Value() },
                "--duration" => options with { Duration = ParseTime(arg, Value()) },
                "--warmup" => options with { Warmup = ParseTime(arg, Value(), allowZero: true) },
                "--requests" => options with { Requests = ParsePositive(arg, Value()) },
                "--concurrency" => options with { Concurrency = (int)ParsePositive(arg, Value(), max: 4096) },
                "--seed" => options with { Seed = int.TryParse(Value(), CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException("--seed takes a whole number.") },
                "--out" => options with { Output = Value() },
                "--engine" => options with { Engine = ParseEngine(Value()) },
                "--nodes" => options with { Nodes = (int)ParsePositive(arg, Value(), max: 2) },
                _ => throw new ArgumentException($"Unknown argument '{arg}'."),
            };
        }
        if (options.Engine == "sqlite" && options.Nodes is > 1)
        {
            throw new ArgumentException("--nodes 2 needs --engine postgres or all: SQLite is one process's database.");
        }
        return options with { Scenarios = scenarios };
    }

    private static string ParseEngine(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => "sqlite",
        "postgres" or "postgresql" => "postgres",
        "all" => "all",
        _ => throw new ArgumentException($"--engine takes sqlite, postgres or all, not '{value}'."),
    };

    /// <summary>The engine and node mixes to run, in order: SQLite first, so the others' ratios have their reference.</summary>
    public IReadOnlyList<Running.BenchTarget> Targets()
    {
        var targets = new List<Running.BenchTarget>();
        if (Engine is "sqlite" or "all") targets.Add(Running.BenchTarget.Sqlite);
        if (Engine is "postgres" or "all")
        {
            if (Nodes is null or 1) targets.Add(Running.BenchTarget.PostgresOneNode);
            if (Nodes is null or 2) targets.Add(Running.BenchTarget.PostgresTwoNodes);
        }
        return targets;
    }

    private static BenchOptions Add(BenchOptions options, List<string> scenarios, string value)
    {
        scenarios.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return options;
    }

    private static long ParsePositive(string name, string value, long max = long.MaxValue) =>
        long.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max
            ? n : throw new ArgumentException($"{name} takes a whole number from 1 to {max}.");

    /// <summary>Accepts 500ms, 10s, 2m, or a bare number of seconds.</summary>
    public static TimeSpan ParseTime(string name, string value, bool allowZero = false)
    {
        var v = value.Trim().ToLowerInvariant();
        var (number, unit) = v.EndsWith("ms") ? (v[..^2], 0.001) : v.EndsWith('s') ? (v[..^1], 1.0) : v.EndsWith('m') ? (v[..^1], 60.0) : (v, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || (amount == 0 && !allowZero) || amount * unit > 3600)
        {
            throw new ArgumentException($"{name} takes a time such as 10s, 500ms or 1m (at most an hour).");
        }
        return TimeSpan.FromSeconds(amount * unit);
    }
}
