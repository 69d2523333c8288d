using Dapper;
using EventPlanner.Web.Data;
using Hangfire;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// The Hangfire job that sends due deliveries. At least once: a run claims rows (pending and due, or 'sending' whose
/// lease lapsed) in one UPDATE that only one run can win, sends them, and records each outcome fenced by the attempt
/// count. A process killed after a receiver answered and before the outcome was recorded sends that delivery again
/// once the lease lapses, with the same delivery id, which receivers use to drop the copy. Kicked after commits and
/// swept every minute, so rows written before a crash still go out after a restart.
/// </summary>
public sealed class WebhookDelivery(Db db, WebhookSender sender, WebhookOptions options, WebhookDispatcher dispatcher, TimeProvider clock,
    ILogger<WebhookDelivery> logger)
{
    public const string SweepJobId = "webhooks-sweep";

    [AutomaticRetry(Attempts = 0)]
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        dispatcher.DrainStarted();
        var delivered = 0;
        TimeSpan? soonestRetry = null;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0) break;
            var results = new (WebhookDeliveryRow Row, WebhookResult Result, DateTimeOffset Started)?[batch.Count];
            var begun = new bool[batch.Count];
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
                    async (i, token) =>
                    {
                        begun[i] = true;
                        var started = clock.GetUtcNow();
                        results[i] = (batch[i], await sender.SendAsync(batch[i], token), started);
                    });
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await StopAsync(batch, begun, results);
                throw;
            }
            delivered += await RecordAsync(results.Select(r => r!.Value).ToList());
            foreach (var (row, result, _) in results.Select(r => r!.Value).Where(r => !r.Result.Delivered && r.Row.Attempts < options.MaxAttempts))
            {
                var wait = options.BackoffAfter(row.Attempts);
                if (soonestRetry is null || wait < soonestRetry) soonestRetry = wait;
            }
        }
        if (soonestRetry is { } delay) dispatcher.KickAfter(delay);
        return delivered;
    }

    private Task<IReadOnlyList<WebhookDeliveryRow>> ClaimAsync(CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<WebhookDeliveryRow>>(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            // A disabled endpoint's deliveries wait: enabling it again sends them.
            // Skip rows another node's claim holds (PostgreSQL, READ COMMITTED): without it both would wait on the row lock,
            // then re-check it and could both send it; SQLite's one writer needs no such clause.
            var rows = await c.QueryAsync<WebhookDeliveryRow>($"""
                UPDATE webhook_deliveries SET state = 'sending', attempts = attempts + 1, claimed_until = @lease
                WHERE id IN (
                    SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active = TRUE
                    WHERE (d.state = 'pending' AND d.next_attempt_at <= @now) OR (d.state = 'sending' AND d.claimed_until <= @now)
                    ORDER BY d.id LIMIT @limit {SqlDialect.Of(c).ForUpdateSkipLocked("d")})
                RETURNING id, endpoint_id, event_id, event_type, delivery_id, payload, state, attempts, next_attempt_at, created_at,
                          (SELECT url FROM webhook_endpoints e WHERE e.id = endpoint_id) AS url,
                          (SELECT secret FROM webhook_endpoints e WHERE e.id = endpoint_id) AS secret
                """, new { now, lease = now + options.Lease, limit = options.BatchSize }, tx);
            return rows.OrderBy(r => r.Id).ToList();
        }, ct);

    /// <summary>
    /// A graceful stop: what finished is recorded and what never began goes back to 'pending' at once, so the next run
    /// needs no lease to lapse. Only requests in flight (the receiver may have them) keep their claim until it lapses.
    /// </summary>
    private async Task StopAsync(IReadOnlyList<WebhookDeliveryRow> batch, bool[] begun, (WebhookDeliveryRow Row, WebhookResult Result, DateTimeOffset Started)?[] results)
    {
        await RecordAsync(results.Where(r => r is not null).Select(r => r!.Value).ToList());
        var untouched = batch.Where((_, i) => !begun[i]).Select(r => r.Id).ToList();
        if (untouched.Count == 0) return;
        await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
            UPDATE webhook_deliveries SET state = 'pending', attempts = attempts - 1, claimed_until = NULL
            WHERE {SqlDialect.Of(c).InList("id", "@untouched")} AND state = 'sending'
            """, new { untouched }, tx), CancellationToken.None);
    }

    // One transaction for the batch's outcomes and attempt lines (a group commit): fsync per delivery would bound the rate.
    private async Task<int> RecordAsync(IReadOnlyList<(WebhookDeliveryRow Row, WebhookResult Result, DateTimeOffset Started)> results)
    {
        var now = clock.GetUtcNow();
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var (row, r, started) in results)
            {
                var state = r.Delivered ? WebhookDeliveryStates.Delivered
                    : row.Attempts >= options.MaxAttempts ? WebhookDeliveryStates.Failed : WebhookDeliveryStates.Pending;
                // 'attempts' fences the claim: a run that outlived its lease cannot overwrite what a later claim recorded.
                var changed = await c.ExecuteAsync("""
                    UPDATE webhook_deliveries
                    SET state = @state, claimed_until = NULL, last_status = @Status, last_error = @Error,
                        next_attempt_at = CASE WHEN @state = 'pending' THEN @next ELSE next_attempt_at END,
                        delivered_at = CASE WHEN @state = 'delivered' THEN @now ELSE delivered_at END
                    WHERE id = @Id AND state = 'sending' AND attempts = @Attempts
                    """, new { state, r.Status, r.Error, row.Id, row.Attempts, now, next = now + options.BackoffAfter(row.Attempts) }, tx);
                if (changed == 0) continue;
                await c.ExecuteAsync("""
                    INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status, error, response_excerpt)
                    VALUES (@Id, @Attempts, @started, @DurationMs, @Status, @Error, @ResponseExcerpt)
                    """, new { row.Id, row.Attempts, started, r.DurationMs, r.Status, r.Error, r.ResponseExcerpt }, tx);
                if (state == WebhookDeliveryStates.Failed) logger.LogWarning("Webhook delivery {DeliveryId} failed after {Attempts} attempts: {Error}", row.DeliveryId, row.Attempts, r.Error);
            }
        }, CancellationToken.None);
        return results.Count(r => r.Result.Delivered);
    }
}
