using EventPlanner.Web.Features.Events;
using Hangfire;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// The recurring Hangfire job that lapses offered slots nobody confirmed in time and offers them to the next person
/// waiting. Reads never do this (they only show such an offer as lapsed), so this job is what moves the queue on when
/// nobody writes; every write of a session does the same for that session first, inside its own transaction.
/// Idempotent: a run finds only what is still due.
/// </summary>
public sealed class LightningExpiryJob(LightningQueueStore store, EventStore events)
{
    public const string JobId = "lightning-expire-offers";

    /// <summary>On the day, offers last minutes: check every minute.</summary>
    public const string Schedule = "* * * * *";

    [AutomaticRetry(Attempts = 0)] // the next run, a minute later, is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        foreach (var slug in await store.EventsWithDueOffersAsync(ct))
        {
            if (await events.FindAsync(slug, ct) is { } e) total += await store.SweepAsync(e, ct);
        }
        return total;
    }
}
