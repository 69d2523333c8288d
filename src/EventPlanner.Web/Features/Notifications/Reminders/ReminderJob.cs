using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Hangfire;

namespace EventPlanner.Web.Features.Notifications.Reminders;

/// <summary>The recurring Hangfire job that asks every reminder source what is due and queues it.</summary>
public sealed class ReminderJob(IEnumerable<IReminderSource> sources, Outbox outbox, TimeProvider clock, ILogger<ReminderJob> logger)
{
    private const int ChunkSize = 200;

    /// <summary>Returns how many reminders were newly queued.</summary>
    [AutomaticRetry(Attempts = 0)] // the next run, a quarter of an hour later, is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queued = 0;
        var failed = new List<string>();
        foreach (var source in sources)
        {
            try
            {
                var due = await source.DueAsync(now, ct);
                foreach (var chunk in due.Chunk(ChunkSize))
                {
                    queued += await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
                    {
                        foreach (var request in chunk) await notices.AddAsync(c, tx, request);
                        return notices.Queued;
                    }, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken source must not keep the others' reminders from going out.
                logger.LogError(e, "Reminder source {Source} failed", source.Name);
                failed.Add(source.Name);
            }
        }
        if (failed.Count > 0) throw new InvalidOperationException($"Reminder sources failed: {string.Join(", ", failed)} (see the log).");
        return queued;
    }
}
