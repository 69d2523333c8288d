using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Web.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public const string SweepJobId = "notifications-sweep";
    public const string RemindersJobId = "notifications-reminders";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = NotificationOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<Outbox>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<IOutboxDispatcher>(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<IImmediateDelivery>(sp => sp.GetRequiredService<NotificationDelivery>());
        services.AddNotificationKinds(NotificationKinds.All);
        services.AddSingleton<NotificationPersonalData>();
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<NotificationPersonalData>());
        services.AddSingleton<IEventRetentionContributor>(sp => sp.GetRequiredService<NotificationPersonalData>());
        services.AddSingleton<NotificationMailBuilder>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<BulkMail>();
        services.AddSingleton<IAudienceSource, TeamAudienceSource>();
        services.AddSingleton<ReminderJob>();
        services.AddSingleton<IReminderSource, EventStartsTomorrowReminders>();

        // The transport: SMTP when a host is configured, else .eml files under db/mail-outbox/.
        services.RemoveAll<IMailSender>();
        if (SmtpSettings.From(configuration) is { } smtp)
        {
            services.AddSingleton(smtp);
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, PickupFolderMailSender>();
        }

        // The safety net: rows whose kick was lost (a crash between commit and enqueue), retries, lapsed leases.
        services.AddRecurringJob<NotificationDelivery>(SweepJobId, d => d.DrainAsync(CancellationToken.None), Cron.Minutely());
        services.AddRecurringJob<ReminderJob>(RemindersJobId, j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
        // Every feature's recurring jobs go into storage at start-up, before the Hangfire server (added next) starts.
        services.AddHostedService<RecurringJobsStartup>();

        AddJobs(services, configuration, options);
        return services;
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration, NotificationOptions options)
    {
        // Storage and activator are ours, per host, not Hangfire's process-wide JobStorage.Current /
        // JobActivator.Current: two hosts in one process (the tests) must not run each other's jobs.
        // Which store (jobs.db, PostgreSQL's hangfire schema shared by all nodes, or memory) is Infrastructure's JobStores.
        services.AddSingleton<JobStorage>(sp => JobStores.Create(configuration, sp.GetRequiredService<Db>(), sp.GetRequiredService<DataPaths>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // EventPlanner:Jobs:Server=false queues jobs without running them: for test hosts that do not test what
        // the jobs do (the test fixture's default), so a test run does not start a hundred idle servers.
        if (configuration.GetValue("EventPlanner:Jobs:Server", true))
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = Math.Max(4, options.SendParallelism);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        // Site administrators only, by our policy; Hangfire's own local-requests-only filter is dropped.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = Array.Empty<IDashboardAsyncAuthorizationFilter>(),
            DashboardTitle = "EventPlanner jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.SiteAdmin);
        app.MapNotificationsApi();

        // Whatever a previous run left pending goes out as soon as we are up.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<NotificationDispatcher>().Kick());
        return app;
    }
}
