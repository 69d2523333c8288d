using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// The Hangfire jobs that email outbox rows. Hangfire runs a job at least once, so exactly-once rests
/// on the row: a run first claims rows (pending and due, or 'sending' with a lapsed lease) in one
/// UPDATE, which only one run can win; it records 'sent' straight after the SMTP server accepts.
/// The one window left: a process killed after the server accepted a message and before 'sent' was
/// recorded (one group commit, a few milliseconds) sends that message again once the lease lapses, with the same Message-Id (SMTP offers no
/// idempotency; receiving systems may fold the copies by Message-Id). A graceful stop never opens it:
/// rows claimed but not yet sent go back to 'pending' at once.
/// </summary>
public sealed class NotificationDelivery(
    Db db, Outbox outbox, IMailSender mail, TimeProvider clock, NotificationOptions options, NotificationDispatcher dispatcher,
    NotificationMailBuilder builder, NotificationKindRegistry kinds, ILogger<NotificationDelivery> logger) : IImmediateDelivery
{
    private const string ClaimColumns = """
        id, dedupe_key, kind, user_id, event_id, to_address, to_name, payload, subject, body, message_id,
        unsubscribe_token, in_inbox, state, attempts, next_attempt_at, claimed_until, last_error, created_at, updated_at, sent_at, read_at
        """;

    /// <summary>Sends everything that is due, batch by batch, until nothing is. Kicked after commits, swept every minute.</summary>
    // Two drains at once are safe (each claims different rows), so no Hangfire lock; our own retries replace Hangfire's.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        dispatcher.DrainStarted();

        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(null, ct);
            if (batch.Count == 0) break;
            sent += await SendBatchAsync(batch, ct);
        }
        return sent;
    }

    /// <summary>Sends one notification if it is (still) due. Safe to run twice, or twice at once: it sends once.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        var batch = await ClaimAsync(id, ct);
        return batch.Count == 1 && await SendBatchAsync(batch, ct) == 1;
    }

    /// <summary>
    /// Queues a notification and sends it right away, for mail someone is waiting for (account
    /// links). The row is written already claimed, so no background run can take it first; if this
    /// send fails, the usual retries take over.
    /// </summary>
    public async Task<bool> SendNowAsync(NotificationRequest request, CancellationToken ct = default)
    {
        var row = await db.WriteAsync(async (c, tx) =>
            await outbox.EnqueueClaimedAsync(c, tx, request) is { } id
                ? await c.QuerySingleAsync<NotificationRow>($"SELECT {ClaimColumns} FROM notifications WHERE id = @id", new { id }, tx)
                : null, ct);
        return row is not null && await SendBatchAsync([row], ct) == 1;
    }

    private Task<IReadOnlyList<NotificationRow>> ClaimAsync(long? id, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<NotificationRow>>(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            // Rows another drain holds are skipped, not waited for: two drains that each waited on the other's rows would
            // deadlock on PostgreSQL (seen under the two-node rushes). The inner union keeps each branch on its partial index.
            var due = id is null
                ? $"""
                  SELECT n.id FROM notifications n WHERE n.id IN (
                    SELECT id FROM notifications WHERE state = 'pending' AND next_attempt_at <= @now
                    UNION ALL
                    SELECT id FROM notifications WHERE state = 'sending' AND claimed_until <= @now
                    LIMIT @limit)
                  {db.Dialect.ForUpdateSkipLocked("n")}
                  """
                : """
                  SELECT id FROM notifications
                  WHERE id = @id AND ((state = 'pending' AND next_attempt_at <= @now) OR (state = 'sending' AND claimed_until <= @now))
                  """;
            var rows = await c.QueryAsync<NotificationRow>($"""
                UPDATE notifications SET state = 'sending', attempts = attempts + 1, claimed_until = @lease, updated_at = @now
                WHERE id IN ({due})
                  -- Repeated on the row itself: under READ COMMITTED on PostgreSQL a second drain that waited on the row
                  -- re-checks only this WHERE, not the subquery, and would otherwise claim (and send) it again.
                  AND ((state = 'pending' AND next_attempt_at <= @now) OR (state = 'sending' AND claimed_until <= @now))
                RETURNING {ClaimColumns}
                """, new { now, lease = now + options.Lease, limit = options.BatchSize, id }, tx);
            return rows.OrderBy(r => r.Id).ToList();
        }, ct);

    private async Task<int> SendBatchAsync(IReadOnlyList<NotificationRow> batch, CancellationToken ct)
    {
        batch = await WithAttachmentsAsync(batch, ct);
        var started = new ConcurrentDictionary<long, bool>();
        var outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
        var recorder = RecordAsync(outcomes.Reader);
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.SendParallelism, CancellationToken = ct },
                async (row, token) =>
                {
                    started[row.Id] = true;
                    outcomes.Writer.TryWrite(await SendOneAsync(row, token));
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcomes.Writer.TryComplete();
            await recorder;
            // Stopping: hand back the rows we never began to send, so the next run needs no lease to lapse.
            var untouched = batch.Where(r => !started.ContainsKey(r.Id)).Select(r => r.Id).ToList();
            if (untouched.Count > 0)
            {
                await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
                    UPDATE notifications SET state = 'pending', attempts = attempts - 1, claimed_until = NULL
                    WHERE {db.Dialect.InList("id", "@untouched")} AND state = 'sending'
                    """, new { untouched }, tx), CancellationToken.None);
            }
            throw;
        }
        outcomes.Writer.TryComplete();
        return await recorder;
    }

    private sealed record AttachmentRow
    {
        public long NotificationId { get; init; }
        public string FileName { get; init; } = "";
        public string ContentType { get; init; } = "";
        public byte[] Content { get; init; } = [];
    }

    // One read per batch, outside the claim's write transaction: most rows have no attachments.
    private async Task<IReadOnlyList<NotificationRow>> WithAttachmentsAsync(IReadOnlyList<NotificationRow> batch, CancellationToken ct)
    {
        var ids = batch.Select(r => r.Id).ToList();
        await using var c = await db.OpenAsync(ct);
        var files = (await c.QueryAsync<AttachmentRow>($"""
            SELECT notification_id, file_name, content_type, content FROM notification_attachments
            WHERE {db.Dialect.InList("notification_id", "@ids")} ORDER BY id
            """, new { ids })).ToLookup(a => a.NotificationId, a => new MailAttachment(a.FileName, a.ContentType, a.Content));
        return files.Count == 0 ? batch : batch.Select(r => files.Contains(r.Id) ? r with { Attachments = files[r.Id].ToList() } : r).ToList();
    }

    private sealed record Outcome(NotificationRow Row, string State, string? Error = null, bool Scrub = false, Exception? Exception = null);

    private async Task<Outcome> SendOneAsync(NotificationRow row, CancellationToken ct)
    {
        var kind = kinds.Find(row.Kind);
        if (kind is { Transactional: false } && await UnsubscribedAsync(row, ct)) return new Outcome(row, NotificationStates.Suppressed);
        try
        {
            await mail.SendAsync(builder.Build(row), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Interrupted mid-send: we cannot know whether the server took it. The lease decides.
            throw;
        }
        catch (Exception e)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            return row.Attempts >= options.MaxAttempts
                ? new Outcome(row, NotificationStates.Failed, error[..Math.Min(error.Length, 1000)], Exception: e)
                : new Outcome(row, NotificationStates.Pending, error[..Math.Min(error.Length, 1000)], Exception: e);
        }
        return new Outcome(row, NotificationStates.Sent, Scrub: kind?.ScrubAfterSend == true);
    }

    /// <summary>
    /// Writes outcomes as they come, several per transaction (group commit): while one commit is on
    /// disk, the next outcomes gather. Each 'sent' is recorded within one commit of the server's
    /// acceptance, which bounds the window in which a crash could cause a resend.
    /// </summary>
    private async Task<int> RecordAsync(ChannelReader<Outcome> outcomes)
    {
        var sent = 0;
        var buffer = new List<Outcome>();
        while (await outcomes.WaitToReadAsync(CancellationToken.None))
        {
            while (outcomes.TryRead(out var outcome)) buffer.Add(outcome);
            var now = clock.GetUtcNow();
            await db.WriteAsync(async (c, tx) =>
            {
                foreach (var o in buffer)
                {
                    // 'attempts' fences the claim: a run that outlived its lease cannot overwrite what a later claim recorded.
                    await c.ExecuteAsync("""
                        UPDATE notifications
                        SET state = @State, claimed_until = NULL, last_error = @Error, updated_at = @now,
                            next_attempt_at = CASE WHEN @State = 'pending' THEN @next ELSE next_attempt_at END,
                            sent_at = CASE WHEN @State = 'sent' THEN @now ELSE sent_at END,
                            body = CASE WHEN @Scrub THEN '(Removed after sending: it held a one-time link.)' ELSE body END,
                            payload = CASE WHEN @Scrub THEN '{}' ELSE payload END
                        WHERE id = @Id AND state = 'sending' AND attempts = @Attempts
                        """, new { o.State, o.Error, o.Scrub, o.Row.Id, o.Row.Attempts, now, next = now + options.BackoffAfter(o.Row.Attempts) }, tx);
                }
            }, CancellationToken.None);
            foreach (var o in buffer)
            {
                if (o.State == NotificationStates.Sent) sent++;
                else if (o.State == NotificationStates.Pending)
                {
                    logger.LogInformation("Notification {Id} ({Kind}) attempt {Attempts} failed ({Error}); retrying in {Delay}",
                        o.Row.Id, o.Row.Kind, o.Row.Attempts, o.Error, options.BackoffAfter(o.Row.Attempts));
                    dispatcher.KickAfter(options.BackoffAfter(o.Row.Attempts));
                }
                else if (o.State == NotificationStates.Failed)
                {
                    logger.LogWarning(o.Exception, "Notification {Id} ({Kind}) failed for good after {Attempts} attempts", o.Row.Id, o.Row.Kind, o.Row.Attempts);
                }
            }
            buffer.Clear();
        }
        return sent;
    }

    private async Task<bool> UnsubscribedAsync(NotificationRow row, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM notification_unsubscribes
                           WHERE user_id = @UserId AND kind = @Kind AND (event_id IS NULL OR event_id = @EventId))
            """, new { row.UserId, row.Kind, row.EventId });
    }
}
