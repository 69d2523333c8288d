using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Reporting;

public sealed record Figure(string Name, double Value, string Unit);

/// <summary>Something the run must show (errors 0, nothing lost, exactly the quota sold); a failed one fails the run.</summary>
public sealed record Check(string Name, bool Passed, string Detail)
{
    public string Verdict => Passed ? "PASS" : "FAIL";
}

/// <summary>A figure over its baseline measured in the same run, e.g. page rps / static-file rps.</summary>
public sealed record Ratio(string Name, double Value, string Meaning);

/// <summary>What one scenario at one scale measured. Cold start and peak working set are always filled.</summary>
public sealed class ScenarioResult
{
    public required string Scenario { get; init; }
    public required string Scale { get; init; }
    /// <summary>sqlite or postgres (see <see cref="BenchTarget"/>).</summary>
    public string Engine { get; private set; } = "sqlite";
    /// <summary>App processes that shared the database and the load.</summary>
    public int Nodes { get; private set; } = 1;
    /// <summary>How the report labels the row: "SQLite 1 node", "PostgreSQL 2 nodes".</summary>
    public string Target => (Engine == "postgres" ? BenchTarget.PostgresOneNode with { Nodes = Nodes } : BenchTarget.Sqlite).Label;
    /// <summary>Server process start to its first healthy response (the median when the scenario starts it several times).</summary>
    public double ColdStartMs { get; set; }
    /// <summary>Peak working set (resident set high-water mark) of the server process.</summary>
    public double PeakWorkingSetMb { get; set; }
    public List<Figure> Figures { get; } = [];
    public List<LoadResult> Loads { get; } = [];
    public List<Ratio> Ratios { get; } = [];
    public List<Check> Checks { get; } = [];
    public List<string> Notes { get; } = [];
    public string? Failure { get; set; }

    /// <summary>Labels the result with the engine and nodes it ran on.</summary>
    public ScenarioResult On(BenchTarget target)
    {
        Engine = target.EngineName;
        Nodes = target.Nodes;
        return this;
    }

    /// <summary>Records a check and returns whether it passed.</summary>
    public bool Check(string name, bool passed, string detail)
    {
        Checks.Add(new Check(name, passed, detail));
        return passed;
    }
}
