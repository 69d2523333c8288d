using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.MultiNode;

/// <summary>One app node on a PostgreSQL database it shares with other nodes: jobs and key ring in that database.</summary>
public sealed class Node(string database, string keyRing = "database", bool runsJobs = true) : EventPlannerApp
{
    protected override bool RunsJobs => runsJobs;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventPlanner:Database:Provider"] = "postgres",
        ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(database),
        ["EventPlanner:DataProtection"] = keyRing,
        ["EventPlanner:Jobs:Storage"] = "database",
    };
}

/// <summary>Two nodes, A and B, started at the same instant on one fresh PostgreSQL database (a copy of the migrated template).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public string Database { get; } = TemplateDatabase.CreatePostgresCopy();
    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = new Node(Database);
        B = new Node(Database);
        // Started together: Hangfire's schema install and the recurring-job registration race as they would in production.
        await Task.WhenAll(Task.Run(() => A.Services), Task.Run(() => B.Services));
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        TestPostgres.DropDatabase(Database);
    }
}
