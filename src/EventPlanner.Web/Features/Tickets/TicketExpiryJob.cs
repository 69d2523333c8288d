using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The recurring Hangfire job that lapses waiting-list and transfer offers past their time, so a
/// place passes to the next person waiting (and both sides of a transfer hear of it) without anyone
/// opening a page. Idempotent: a run finds only what is still due.
/// </summary>
public sealed class TicketExpiryJob(Db db, TicketSettings settings, TicketNotices notices, Outbox outbox, TimeProvider clock)
{
    public const string JobId = "tickets-expire-offers";

    /// <summary>Offers live for hours or days: a few minutes' lag is fine.</summary>
    public const string Schedule = "*/5 * * * *";

    /// <summary>Returns how many notifications the lapsed offers queued.</summary>
    [AutomaticRetry(Attempts = 0)] // the next run, minutes later, is the retry
    public Task<int> RunAsync(CancellationToken ct) => ExpireDueAsync(clock.GetUtcNow(), ct);

    /// <summary>
    /// Lapses waiting-list and transfer offers that are past their time, so places pass on without anyone
    /// touching them (a write that meets one lapses it first). Returns how many notifications it queued.
    /// </summary>
    public async Task<int> ExpireDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        // One transaction per event with something due, each under that event's lock, so a lapse never races a
        // registration or a transfer of the same event on PostgreSQL.
        IReadOnlyList<long> due;
        await using (var c = await db.OpenAsync(ct))
        {
            due = (await c.QueryAsync<long>("""
                SELECT event_id FROM waiting_list WHERE status = 'offered' AND offer_expires_at <= @now
                UNION SELECT event_id FROM ticket_transfers WHERE status IN ('open', 'chosen') AND expires_at <= @now
                ORDER BY 1
                """, new { now })).AsList();
        }
        var queued = 0;
        foreach (var eventId in due)
        {
            queued += await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, batch) =>
            {
                await TicketSql.ExpireWaitingOffersAsync(c, tx, now, null, settings, notices, batch, eventId);
                await TicketSql.ExpireTransfersAsync(c, tx, now, null, notices, batch, eventId);
                return batch.Queued;
            }, ct);
        }
        return queued;
    }
}
