using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// The held bulk mail the notification drain hard stops queue and release (NotificationsDrainHardStopTests, one node
/// restarted; MultiNode's KilledNodeDrainTests, two nodes), and the SMTP side that counts what arrives.
/// </summary>
public static class HeldNotifications
{
    public const string Prefix = "hard-stop-drain:";

    /// <summary>The notifications' rows as the skeleton watches them; their keys are the bare Message-Ids the SMTP server sees.</summary>
    public static DrainKill Drain(HardStopSite site, ITestOutputHelper output) => new(site,
        new DrainRows("SELECT message_id AS Id, state AS State, claimed_until AS ClaimedUntil FROM notifications WHERE dedupe_key LIKE @p",
            new { p = Prefix + "%" }, NotificationStates.Sent, Bare), output);

    /// <summary>An SMTP server for one node: each first arrival of one of ours counts towards the kill.</summary>
    public static LoopbackSmtpServer Listen(Arrivals arrivals, DrainKill drain, int node) =>
        new("hard-stop-smtp.localhost", async (buffer, ct) =>
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, ct);
            if (arrivals.Add(Bare(headers[HeaderId.MessageId] ?? "")) is { } n) drain.Arrived(n, node);
            return SmtpResponse.Ok;
        });

    public static Dictionary<string, string> Settings(LoopbackSmtpServer smtp) => new(smtp.AppSettings)
    {
        ["EventPlanner__Mail__Smtp__TimeoutSeconds"] = "10",
        // The shortest lease the app accepts, so the rows a killed run held come back within the test.
        ["EventPlanner__Notifications__LeaseSeconds"] = "30",
    };

    /// <summary>The organiser releases the held mail through the API: the drain starts.</summary>
    public static async Task ReleaseAsync(AppProcess app, GeneratedData generated)
    {
        var released = await app.CallAsync(HttpMethod.Post, $"/api/events/{generated.EventSlug}/notifications/release",
            generated.ApiToken(generated.OrganiserEmail), new { }, HttpStatusCode.OK);
        Assert.True(released.GetProperty("count").GetInt32() >= DrainKill.Items);
    }

    /// <summary>What the SMTP server(s) took, by bare Message-Id; ours are the queued rows'.</summary>
    public sealed class Arrivals(IEnumerable<string> ours)
    {
        private readonly HashSet<string> _ours = ours.ToHashSet(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _copies = new(StringComparer.Ordinal);
        private int _oursArrived;

        public int Received(string id) => _copies.GetValueOrDefault(id);

        /// <summary>Counts a copy; for the first copy of one of ours, how many of ours have arrived with it.</summary>
        public int? Add(string id) =>
            _copies.AddOrUpdate(id, 1, (_, n) => n + 1) == 1 && _ours.Contains(id) ? Interlocked.Increment(ref _oursArrived) : null;
    }

    /// <summary>
    /// Held bulk mail, one row per recipient, written as BulkMail writes it (the app has no API for bulk mail; its
    /// release is the API call the test makes), into the site's database before the app starts.
    /// </summary>
    public static async Task<Arrivals> QueueHeldAsync(HardStopSite site, string slug)
    {
        await using (var services = site.CreateServices())
        {
            var db = services.GetRequiredService<Db>();
            var outbox = services.GetRequiredService<Outbox>();
            await db.WriteAsync(async (w, tx) =>
            {
                var eventId = await w.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug }, tx);
                var users = (await w.QueryAsync<long>("SELECT id FROM users ORDER BY id", transaction: tx)).AsList();
                var wording = new Wording("News from {event_name}", "Hello {recipient_name},\n\nThe schedule is out: {event_link}.");
                for (var i = 0; i < DrainKill.Items; i++)
                {
                    await outbox.EnqueueAsync(w, tx, new NotificationRequest($"{Prefix}{i}", NotificationKinds.Bulk.Name, users[i % users.Count],
                        eventId, new Dictionary<string, string>(), wording));
                }
            });
            await site.SettleAsync(db);
        }
        Assert.Equal(DrainKill.Items, site.Scalar<long>("SELECT COUNT(*) FROM notifications WHERE dedupe_key LIKE @p AND state = 'held'", new { p = Prefix + "%" }));
        return new Arrivals(site.Query<string>("SELECT message_id FROM notifications WHERE dedupe_key LIKE @p", new { p = Prefix + "%" }).Select(Bare));
    }

    public static string Bare(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>');

}
