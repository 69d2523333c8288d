using EventPlanner.Bench;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;
using EventPlanner.Bench.Scenarios;
using NpgsqlTypes;

namespace EventPlanner.Tests.Bench;

/// <summary>The harness's --engine and --nodes (issue 19): what they plan, how rows are labelled, how the engines are compared.</summary>
[Trait("Engine", "Both")] // no database: the same on either engine
public sealed class EngineOptionsTests
{
    [Fact]
    public void Without_engine_a_run_stays_on_SQLite_with_one_node()
    {
        var options = BenchOptions.Parse(["--all"]);

        var plan = BenchProgram.Plan(options);

        Assert.Equal([BenchTarget.Sqlite], options.Targets());
        Assert.All(plan, p => Assert.Equal(BenchTarget.Sqlite, p.Target));
        Assert.Equal(ScenarioRegistry.All.Sum(s => s.DefaultScales.Count), plan.Count);
    }

    [Theory]
    [InlineData(new[] { "--engine", "postgres" }, new[] { "PostgreSQL 1 node", "PostgreSQL 2 nodes" })]
    [InlineData(new[] { "--engine", "postgres", "--nodes", "2" }, new[] { "PostgreSQL 2 nodes" })]
    [InlineData(new[] { "--engine", "all" }, new[] { "SQLite 1 node", "PostgreSQL 1 node", "PostgreSQL 2 nodes" })]
    [InlineData(new[] { "--engine", "all", "--nodes", "1" }, new[] { "SQLite 1 node", "PostgreSQL 1 node" })]
    [InlineData(new[] { "--engine", "SQLite", "--nodes", "1" }, new[] { "SQLite 1 node" })]
    public void Engine_and_nodes_choose_the_targets_SQLite_first(string[] args, string[] labels)
    {
        Assert.Equal(labels, BenchOptions.Parse(args).Targets().Select(t => t.Label));
    }

    [Theory]
    [InlineData("--engine", "mysql")]
    [InlineData("--nodes", "3")]
    [InlineData("--nodes", "0")]
    [InlineData("--nodes", "2")] // SQLite (the default engine) is one process's database
    public void Engine_and_nodes_refuse_what_cannot_run(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse([name, value]));
    }

    [Fact]
    public void On_PostgreSQL_all_means_the_three_scenarios_made_for_it_on_one_and_two_nodes()
    {
        var plan = BenchProgram.Plan(BenchOptions.Parse(["--all", "--engine", "postgres", "--scale", "fosdem"]));

        Assert.Equal(
            ["ticket-rush PostgreSQL 1 node", "ticket-rush PostgreSQL 2 nodes", "cfp-rush PostgreSQL 1 node", "cfp-rush PostgreSQL 2 nodes",
             "schedule PostgreSQL 1 node", "schedule PostgreSQL 2 nodes"],
            plan.Select(p => $"{p.Scenario.Name} {p.Target.Label}").OrderBy(n => Order(n)).ToList());
    }

    private static int Order(string row) => row.StartsWith("ticket", StringComparison.Ordinal) ? 0 : row.StartsWith("cfp", StringComparison.Ordinal) ? 1 : 2;

    [Fact]
    public void Engine_all_runs_a_SQLite_only_scenario_on_SQLite_and_the_others_on_every_target_side_by_side()
    {
        var plan = BenchProgram.Plan(BenchOptions.Parse(["--scenario", "healthz,ticket-rush", "--engine", "all", "--scale", "small"]));

        Assert.Equal(
            ["healthz small SQLite 1 node", "ticket-rush small SQLite 1 node", "ticket-rush small PostgreSQL 1 node", "ticket-rush small PostgreSQL 2 nodes"],
            plan.Select(p => $"{p.Scenario.Name} {p.Scale.Name} {p.Target.Label}"));
    }

    [Fact]
    public void Naming_a_SQLite_only_scenario_for_PostgreSQL_is_an_error_that_names_the_ones_that_run_there()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchProgram.Plan(BenchOptions.Parse(["--scenario", "healthz", "--engine", "postgres"])));

        Assert.Contains("on PostgreSQL: cfp-rush, ticket-rush, schedule.", e.Message);
    }

    [Fact]
    public void Rows_checks_and_notes_are_labelled_with_engine_and_nodes()
    {
        var result = new ScenarioResult { Scenario = "ticket-rush", Scale = "fosdem" }.On(BenchTarget.PostgresTwoNodes);
        result.Check("sold = 1,000", false, "1,001 valid tickets");
        result.Notes.Add("split across both nodes");

        Assert.Equal("postgres", result.Engine);
        Assert.Equal(2, result.Nodes);
        Assert.Contains("PostgreSQL 2 nodes", ConsoleReport.Results([result]));
        Assert.Equal("FAIL  ticket-rush @ fosdem on PostgreSQL 2 nodes: sold = 1,000 (1,001 valid tickets)", ConsoleReport.FailedChecks([result]));
        Assert.Equal("- ticket-rush @ fosdem on PostgreSQL 2 nodes: split across both nodes", ConsoleReport.Notes([result]));
    }

    [Fact]
    public void The_engines_table_gives_each_target_against_the_SQLite_row_of_the_same_run_without_baselines_or_warm_ups()
    {
        ScenarioResult Result(BenchTarget target, double rps, double p99, bool passed)
        {
            var r = new ScenarioResult { Scenario = "cfp-rush", Scale = "fosdem" }.On(target);
            r.Loads.Add(Load("warm-up: first calls", 9_999, 1, baseline: false));
            r.Loads.Add(Load("POST …/proposals", rps, p99, baseline: false));
            r.Loads.Add(Load("bare INSERT", 7_777, 1, baseline: true));
            r.Check("lost = 0", passed, "");
            return r;
        }

        var table = ConsoleReport.Engines([
            Result(BenchTarget.Sqlite, 400, 100, true),
            Result(BenchTarget.PostgresOneNode, 200, 250, true),
            Result(BenchTarget.PostgresTwoNodes, 600, 50, false),
        ]);

        var lines = table.Split('\n');
        Assert.Contains(lines, l => l.Contains("SQLite 1 node") && l.Contains("1.00x") && l.Contains("1/1 PASS"));
        Assert.Contains(lines, l => l.Contains("PostgreSQL 1 node") && l.Contains("0.50x") && l.Contains("2.50x"));
        Assert.Contains(lines, l => l.Contains("PostgreSQL 2 nodes") && l.Contains("1.50x") && l.Contains("0.50x") && l.Contains("0/1 PASS"));
        Assert.DoesNotContain("warm-up", table);
        Assert.DoesNotContain("bare INSERT", table);
        Assert.Equal("", ConsoleReport.Engines([Result(BenchTarget.Sqlite, 400, 100, true)]));
    }

    private static LoadResult Load(string label, double rps, double p99, bool baseline) => new()
    {
        Label = label,
        Path = "/x",
        Baseline = baseline,
        RequestsPerSecond = rps,
        Latency = new LatencyStats(p99 / 2, p99, p99, p99, p99, p99 / 2),
    };

    [Fact]
    public void PostgreSQL_nodes_share_jobs_and_the_key_ring_in_the_database_and_SQLite_needs_no_settings()
    {
        var settings = AppDatabase.Postgres("Host=127.0.0.1;Port=5432;Username=postgres;Database=bench").Settings;

        Assert.Equal("postgres", settings["EventPlanner__Database__Provider"]);
        Assert.Equal("Host=127.0.0.1;Port=5432;Username=postgres;Database=bench", settings["ConnectionStrings__EventPlanner"]);
        Assert.Equal("database", settings["EventPlanner__DataProtection"]);
        Assert.Equal("database", settings["EventPlanner__Jobs__Storage"]);
        Assert.Empty(AppDatabase.SqliteIn("/tmp/bench").Settings);
        Assert.Equal("postgres://127.0.0.1:5432/bench", AppDatabase.Postgres("Host=127.0.0.1;Port=5432;Username=postgres;Password=secret;Database=bench").Description);
    }

    [Fact]
    public async Task Two_nodes_on_one_SQLite_file_are_refused_before_any_process_starts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => AppServer.StartAsync(AppDatabase.SqliteIn(folder), folder, 2, folder, CancellationToken.None));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData(1L, "boolean", true, NpgsqlDbType.Boolean)]
    [InlineData(0L, "boolean", false, NpgsqlDbType.Boolean)]
    [InlineData(42L, "bigint", 42L, NpgsqlDbType.Bigint)]
    [InlineData("2026-01-01T00:00:00.0000000+00:00", "text", "2026-01-01T00:00:00.0000000+00:00", NpgsqlDbType.Text)]
    [InlineData("[1,2]", "json", "[1,2]", NpgsqlDbType.Json)]
    [InlineData(2.5, "double precision", 2.5, NpgsqlDbType.Double)]
    public void The_copy_to_PostgreSQL_turns_SQLite_values_into_the_column_types(object value, string type, object expected, NpgsqlDbType expectedType)
    {
        var (converted, npgsqlType) = PostgresCopy.Convert(value, type, "t.c");

        Assert.Equal(expected, converted);
        Assert.Equal(expectedType, npgsqlType);
    }

    [Fact]
    public void The_copy_to_PostgreSQL_refuses_a_type_it_does_not_know_and_keeps_nulls()
    {
        Assert.Throws<NotSupportedException>(() => PostgresCopy.Convert(1L, "tsvector", "t.c"));
        Assert.Equal((null, NpgsqlDbType.Boolean), PostgresCopy.Convert(null, "boolean", "t.c"));
    }
}
