using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// Adds or updates every feature's recurring jobs (<see cref="RecurringJobRegistration"/>) as the app starts. Registered
/// before Hangfire's server, so the jobs are in storage when it starts polling.
/// </summary>
internal sealed class RecurringJobsStartup(IRecurringJobManager jobs, IEnumerable<RecurringJobRegistration> registrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations) registration.AddOrUpdate(jobs);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
