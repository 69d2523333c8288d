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

    public const string Usage = """
        EventPlanner benchmark harness: starts the real app (Release build, real Kestrel, loopback port,
        fresh SQLite database in a temporary folder) and drives it over HTTP.

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
                _ => throw new ArgumentException($"Unknown argument '{arg}'."),
            };
        }
        return options with { Scenarios = scenarios };
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
