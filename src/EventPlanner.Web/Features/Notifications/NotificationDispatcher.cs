using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// Turns "something is due" into a Hangfire drain job, without queueing a job per row: while one
/// drain job waits to start, further kicks add nothing (it will see their rows too). The drain job
/// clears the flag as it starts, so a row committed while it runs gets a fresh kick of its own.
/// </summary>
public sealed class NotificationDispatcher(IBackgroundJobClient jobs, ILogger<NotificationDispatcher> logger) : IOutboxDispatcher
{
    private int _queued;

    public void Kick()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        try
        {
            jobs.Enqueue<NotificationDelivery>(d => d.DrainAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            // The sweeper drains every minute anyway; losing a kick only delays mail.
            Volatile.Write(ref _queued, 0);
            logger.LogWarning(e, "Could not queue the notification drain job; the sweeper will pick the mail up.");
        }
    }

    /// <summary>Retries wait in Hangfire's schedule, so they need no polling of ours.</summary>
    public void KickAfter(TimeSpan delay)
    {
        try
        {
            jobs.Schedule<NotificationDelivery>(d => d.DrainAsync(CancellationToken.None), delay);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not schedule a notification retry; the sweeper will pick it up.");
        }
    }

    internal void DrainStarted() => Volatile.Write(ref _queued, 0);
}
