using System.Diagnostics;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>What one drain run measured.</summary>
public sealed record DrainResult(int Queued, int Delivered, int Duplicates, int Lost, TimeSpan QueueTime, TimeSpan TimeToFirstMail, TimeSpan TimeToDrain)
{
    public double SentPerSecond => Delivered / Math.Max(TimeToDrain.TotalSeconds, 0.001);

    public override string ToString() =>
        $"{Queued} queued in {QueueTime.TotalSeconds:0.0}s; first mail after {TimeToFirstMail.TotalMilliseconds:0}ms; drained in {TimeToDrain.TotalSeconds:0.0}s " +
        $"({SentPerSecond:0} sent/s); delivered {Delivered}, duplicates {Duplicates}, lost {Lost}";
}

/// <summary>
/// The notification benchmark scenario, self-contained for the bench harness: the real app (SMTP
/// transport through MailKit, Hangfire on db/jobs.db) and an in-process SMTP server on loopback.
/// It queues <c>count</c> notifications (one business transaction per thousand, as a bulk mail
/// would), kicks delivery once, and measures until every row is sent and every message has arrived,
/// counting duplicates (same Message-Id received twice) and losses (a row not sent, or sent but never
/// received). Setup (users, queueing) is timed apart from the drain.
/// </summary>
public static class NotificationDrainBenchmark
{
    public static async Task<DrainResult> RunAsync(int count = 10_000, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var app = new SmtpApp();
        var services = app.Services;
        var db = services.GetRequiredService<Db>();
        var outbox = services.GetRequiredService<Outbox>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        // Recipients straight into the table: the benchmark is about mail, not password hashing.
        var userIds = await db.WriteAsync(async (c, tx) =>
        {
            var ids = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                ids.Add(await c.ExecuteScalarAsync<long>("""
                    INSERT INTO users (email, normalized_email, display_name, security_stamp, concurrency_stamp, email_confirmed, created_at)
                    VALUES (@email, upper(@email), @name, 'x', 'x', TRUE, @now) RETURNING id
                    """, new { email = $"bench{i}@example.org", name = $"Bench {i}", now }, tx));
            }
            return ids;
        }, ct);

        var queueClock = Stopwatch.StartNew();
        foreach (var chunk in userIds.Chunk(1000))
        {
            await db.WriteAsync(async (c, tx) =>
            {
                foreach (var id in chunk)
                {
                    await outbox.EnqueueAsync(c, tx, new NotificationRequest($"bench:{id}", AccountNotificationKinds.AccountConfirm.Name, id, null,
                        new Dictionary<string, string> { ["link"] = $"/account/confirm?userId={id}" }));
                }
            }, ct);
        }
        var queueTime = queueClock.Elapsed;

        var drainClock = Stopwatch.StartNew();
        outbox.Kick();
        var deadline = timeout ?? TimeSpan.FromMinutes(5);
        var firstMail = TimeSpan.Zero;
        while (drainClock.Elapsed < deadline)
        {
            if (firstMail == TimeSpan.Zero && !app.Smtp.Messages.IsEmpty) firstMail = drainClock.Elapsed;
            if (app.Smtp.Messages.Count >= count && await UnsentAsync(db) == 0) break;
            await Task.Delay(firstMail == TimeSpan.Zero ? 5 : 50, ct);
        }
        var timeToDrain = drainClock.Elapsed;

        await using var conn = await db.OpenAsync(ct);
        var rows = (await conn.QueryAsync<(string MessageId, string State)>(
            "SELECT message_id, state FROM notifications WHERE dedupe_key LIKE 'bench:%'")).AsList();
        var received = app.Smtp.Messages.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        var duplicates = received.Values.Sum(n => n - 1);
        var lost = rows.Count(r => r.State != NotificationStates.Sent || !received.ContainsKey(r.MessageId));
        return new DrainResult(rows.Count, received.Count, duplicates, lost, queueTime, firstMail, timeToDrain);
    }

    private static async Task<int> UnsentAsync(Db db)
    {
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notifications WHERE dedupe_key LIKE 'bench:%' AND state <> 'sent'");
    }
}
