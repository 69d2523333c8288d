using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>The app sending through MailKit to an in-process SMTP server, with jobs in db/jobs.db (the real default storage).</summary>
public class SmtpApp : EventPlannerApp
{
    protected override bool RunsJobs => true;

    public TestSmtpServer Smtp { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventPlanner:Mail:Smtp:Host"] = "127.0.0.1",
        ["EventPlanner:Mail:Smtp:Port"] = Smtp.Port.ToString(),
        ["EventPlanner:Mail:Smtp:Security"] = "None",
        ["EventPlanner:Mail:Smtp:TimeoutSeconds"] = "10",
        ["EventPlanner:Notifications:MaxAttempts"] = "3",
        ["EventPlanner:Jobs:Storage"] = "database", // db/jobs.db on SQLite; the hangfire schema on PostgreSQL
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The base app captures mail in memory; here it really goes out over SMTP.
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender, SmtpMailSender>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>The app with the embedded default transport: .eml files in db/mail-outbox/.</summary>
public class PickupFolderApp : EventPlannerApp
{
    protected override bool RunsJobs => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventPlanner:Jobs:Storage"] = "database", // db/jobs.db on SQLite; the hangfire schema on PostgreSQL
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender, PickupFolderMailSender>();
        });
    }
}
