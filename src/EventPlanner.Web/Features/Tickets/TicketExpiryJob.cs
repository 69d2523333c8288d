using Hangfire;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The recurring Hangfire job that lapses waiting-list and transfer offers past their time, so a
/// place passes to the next person waiting (and both sides of a transfer hear of it) without anyone
/// opening a page. Idempotent: a run finds only what is still due.
/// </summary>
public sealed class TicketExpiryJob(RegistrationStore registrations, TimeProvider clock)
{
    public const string JobId = "tickets-expire-offers";

    /// <summary>Offers live for hours or days: a few minutes' lag is fine.</summary>
    public const string Schedule = "*/5 * * * *";

    /// <summary>Returns how many notifications the lapsed offers queued.</summary>
    [AutomaticRetry(Attempts = 0)] // the next run, minutes later, is the retry
    public Task<int> RunAsync(CancellationToken ct) => registrations.ExpireDueAsync(clock.GetUtcNow(), ct);
}
