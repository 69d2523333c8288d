using EventPlanner.Web.Infrastructure.Webhooks;
using Hangfire;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// Turns "something is due" into one Hangfire drain job: while one waits to start, further kicks add nothing (it will
/// see their rows too). The drain clears the flag as it starts, so a row committed while it runs gets a kick of its own.
/// </summary>
public sealed class WebhookDispatcher(IBackgroundJobClient jobs, ILogger<WebhookDispatcher> logger) : IWebhookDispatcher
{
    private int _queued;

    public void Kick()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        try
        {
            jobs.Enqueue<WebhookDelivery>(d => d.DrainAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            // The minutely sweep drains anyway; a lost kick only delays a delivery.
            Volatile.Write(ref _queued, 0);
            logger.LogWarning(e, "Could not queue the webhook drain job; the sweep will pick the deliveries up.");
        }
    }

    /// <summary>A retry waits in Hangfire's schedule rather than for the next sweep.</summary>
    public void KickAfter(TimeSpan delay)
    {
        try
        {
            jobs.Schedule<WebhookDelivery>(d => d.DrainAsync(CancellationToken.None), delay);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not schedule a webhook retry; the sweep will pick it up.");
        }
    }

    internal void DrainStarted() => Volatile.Write(ref _queued, 0);
}
