using System.Linq.Expressions;
using Hangfire;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Turns "something is due" into one Hangfire drain job, for any outbox (mail, webhooks): while one drain waits to start,
/// further kicks add nothing (it will see their rows too). The drain calls <see cref="DrainStarted"/> as it starts, so a
/// row committed while it runs gets a kick of its own. A lost kick only delays: each outbox also has a minutely sweep.
/// </summary>
/// <remarks>
/// The drain is passed as an expression on the concrete job type (not an interface method) so that Hangfire reads the
/// job's own attributes, such as <c>[AutomaticRetry(Attempts = 0)]</c>: the outboxes keep their own retry schedules.
/// </remarks>
public abstract class DrainKicker<TDrain>(IBackgroundJobClient jobs, ILogger logger, Expression<Func<TDrain, Task>> drain, string what)
{
    private int _queued;

    public void Kick()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        try
        {
            jobs.Enqueue(drain);
        }
        catch (Exception e)
        {
            Volatile.Write(ref _queued, 0);
            logger.LogWarning(e, "Could not queue the {What} drain job; the sweep will pick the rows up.", what);
        }
    }

    /// <summary>A retry waits in Hangfire's schedule rather than for the next sweep.</summary>
    public void KickAfter(TimeSpan delay)
    {
        try
        {
            jobs.Schedule(drain, delay);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not schedule a {What} retry; the sweep will pick it up.", what);
        }
    }

    public void DrainStarted() => Volatile.Write(ref _queued, 0);
}
