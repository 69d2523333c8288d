using System.Linq.Expressions;
using Hangfire;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// One recurring job a feature runs. A feature declares its jobs in its <c>Add&lt;Feature&gt;()</c> with
/// <see cref="RecurringJobServiceCollectionExtensions.AddRecurringJob{TJob}"/>; the job host (Notifications, which runs
/// Hangfire) adds or updates them all as the app starts, so mapping endpoints never touches job storage.
/// </summary>
public sealed record RecurringJobRegistration(string Id, Action<IRecurringJobManager> AddOrUpdate);

public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>Runs <paramref name="run"/> on <paramref name="cron"/> (UTC) under the job id <paramref name="id"/>.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> run, string cron) =>
        services.AddSingleton(new RecurringJobRegistration(id, jobs => jobs.AddOrUpdate(id, run, cron)));
}
