using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Tests.MultiNode;

/// <summary>
/// One app node on a PostgreSQL database it shares with other nodes: jobs and key ring in that database. With
/// <paramref name="smtpPort"/> it sends its mail over SMTP to that port (a real server), not to the in-memory capture.
/// </summary>
public sealed class Node(string database, string keyRing = "database", bool runsJobs = true, int? smtpPort = null) : EventPlannerApp
{
    protected override bool RunsJobs => runsJobs;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["EventPlanner:Database:Provider"] = "postgres",
                ["ConnectionStrings:EventPlanner"] = TestPostgres.ConnectionStringFor(database),
                ["EventPlanner:DataProtection"] = keyRing,
                ["EventPlanner:Jobs:Storage"] = "database",
            };
            if (smtpPort is { } port)
            {
                settings["EventPlanner:Mail:Smtp:Host"] = "127.0.0.1";
                settings["EventPlanner:Mail:Smtp:Port"] = port.ToString();
                settings["EventPlanner:Mail:Smtp:Security"] = "None";
                settings["EventPlanner:Mail:Smtp:TimeoutSeconds"] = "10";
            }
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (smtpPort is null) return;
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender, SmtpMailSender>();
        });
    }
}

/// <summary>Two nodes, A and B, started at the same instant on one fresh PostgreSQL database (a copy of the migrated template).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly int? smtpPort;

    // xunit's class fixtures need exactly one public constructor: this one.
    public TwoNodes() { }

    private TwoNodes(int smtpPort) => this.smtpPort = smtpPort;

    /// <summary>A pair (not yet started) that sends mail over SMTP to <paramref name="smtpPort"/>.</summary>
    public static TwoNodes SendingTo(int smtpPort) => new(smtpPort);

    public string Database { get; } = TemplateDatabase.CreatePostgresCopy();
    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = new Node(Database, smtpPort: smtpPort);
        B = new Node(Database, smtpPort: smtpPort);
        // Started together: Hangfire's schema install and the recurring-job registration race as they would in production.
        await Task.WhenAll(Task.Run(() => A.Services), Task.Run(() => B.Services));
    }

    public async Task DisposeAsync()
    {
        // Disposing a node twice is harmless: a test may have stopped node A already.
        await A.DisposeAsync();
        await B.DisposeAsync();
        TestPostgres.DropDatabase(Database);
    }
}
