using System.Diagnostics;
using System.Net;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 in the middle of a webhook drain (the receiver kills the app as a request is in flight), then a restart on
/// the same data folder: every committed delivery still arrives, and a delivery id arrives twice only if its row was
/// still 'sending' when the process died (the at-least-once window the Webhooks README documents).
/// </summary>
// SQLite only, as every hard stop: the app process runs on the copied SQLite data folder (the in-process restarts in
// Features/Webhooks/WebhookRestartTests run on both engines).
[Collection(HardStopCollection.Name)]
public sealed class WebhooksDrainHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Deliveries = 1_500;
    private int _killAt = int.MaxValue;
    private WebhookReceiver? _receiver;
    private AppProcess? _app;

    [Fact]
    public async Task Killed_mid_drain_every_webhook_arrives_and_repeats_stay_within_the_sending_window()
    {
        var (dir, generated) = await data.CopyAsync("webhooks");
        _receiver = await WebhookReceiver.StartAsync();
        // Killed as the n-th request arrives, on the receiver's own thread: that request is in flight at the kill.
        _receiver.Respond = (n, _) =>
        {
            if (n == Volatile.Read(ref _killAt)) _app?.Kill();
            return 200;
        };
        var endpointId = await QueueAsync(dir, generated.EventSlug, _receiver.Url("/hard-stop"));
        var settings = new Dictionary<string, string>
        {
            ["EventPlanner__Webhooks__AllowHttp"] = "true",
            ["EventPlanner__Webhooks__AllowPrivateTargets"] = "true",
            // The shortest lease the app accepts, so the rows the killed run held come back within the test.
            ["EventPlanner__Webhooks__LeaseSeconds"] = "30",
        };
        _app = await AppProcess.StartAsync(dir, settings);
        Volatile.Write(ref _killAt, Deliveries / 5);
        // Enabling the endpoint kicks the drain of what waited for it.
        await _app.CallAsync(HttpMethod.Patch, $"/api/events/{generated.EventSlug}/webhooks/{endpointId}", generated.ApiToken(generated.OrganiserEmail),
            new { active = true }, HttpStatusCode.OK);

        var watch = Stopwatch.StartNew();
        while (!_app.HasExited)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Only {_receiver.All.Count} of {Deliveries} arrived within 60 s:\n{_app.Output()}");
            await Task.Delay(10);
        }
        Assert.True(_app.Killed, "The app exited by itself:\n" + _app.Output());
        var arrivedAtKill = Distinct();
        Assert.True(arrivedAtKill < Deliveries, $"All {Deliveries} arrived before the kill landed: nothing was interrupted.");

        var states = HardStopDb.Query<(string DeliveryId, string State, string? ClaimedUntil)>(dir,
            "SELECT delivery_id, state, claimed_until FROM webhook_deliveries WHERE endpoint_id = @endpointId", new { endpointId });
        Assert.Equal(Deliveries, states.Count);
        var sendingAtKill = states.Where(s => s.State == WebhookDeliveryStates.Sending).Select(s => s.DeliveryId).ToHashSet(StringComparer.Ordinal);
        var deliveredAtKill = states.Count(s => s.State == WebhookDeliveryStates.Delivered);
        var pendingAtKill = states.Count(s => s.State == WebhookDeliveryStates.Pending);
        // Received but not recorded delivered: only a row still 'sending' may be so.
        var receivedNotRecorded = states.Where(s => s.State != WebhookDeliveryStates.Delivered && Received(s.DeliveryId) > 0).ToList();
        Assert.All(receivedNotRecorded, s => Assert.Equal(WebhookDeliveryStates.Sending, s.State));

        // Wait out the lease the killed run held, so the restarted app's drain takes those rows too.
        var leaseEnds = states.Where(s => s.ClaimedUntil is not null).Select(s => DateTimeOffset.Parse(s.ClaimedUntil!)).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
        var wait = leaseEnds - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        Assert.True(wait < TimeSpan.FromSeconds(35), $"A lease ends {wait} from now; the lease is 30 s.");
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        await _app.DisposeAsync();
        _app = await AppProcess.StartAsync(dir, settings);
        watch.Restart();
        long undelivered;
        while ((undelivered = HardStopDb.Scalar<long>(dir, "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = @endpointId AND state <> 'delivered'",
                   new { endpointId })) > 0 || Distinct() < Deliveries)
        {
            // The sweep runs every minute; the start-up kick usually comes first.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120),
                $"After the restart {undelivered} rows are undelivered and {Deliveries - Distinct()} never arrived within 120 s:\n{_app.Output()}");
            await Task.Delay(100);
        }

        var repeated = states.Where(s => Received(s.DeliveryId) > 1).Select(s => s.DeliveryId).ToList();
        var extra = repeated.Sum(id => Received(id) - 1);
        output.WriteLine($"webhook deliveries queued: {Deliveries}");
        output.WriteLine($"arrived before the kill: {arrivedAtKill}; rows at the kill: {deliveredAtKill} delivered, {sendingAtKill.Count} sending, {pendingAtKill} pending");
        output.WriteLine($"received but not yet recorded delivered at the kill: {receivedNotRecorded.Count}");
        output.WriteLine($"after the restart: received {Distinct()} of {Deliveries} (distinct delivery ids), undelivered rows {undelivered}");
        output.WriteLine($"repeated copies: {extra} (allowed: at most one per row still 'sending' at the kill, {sendingAtKill.Count})");

        Assert.Equal(Deliveries, Distinct());
        Assert.Equal(0, undelivered);
        Assert.All(repeated, id => Assert.Contains(id, sendingAtKill));
        Assert.All(repeated, id => Assert.Equal(2, Received(id)));
        Assert.True(extra <= sendingAtKill.Count, $"{extra} repeats, but only {sendingAtKill.Count} rows were 'sending' at the kill.");
    }

    private int Distinct() => _receiver!.All.Select(r => r.DeliveryId).Distinct().Count();

    private int Received(string deliveryId) => _receiver!.All.Count(r => r.DeliveryId == deliveryId);

    /// <summary>
    /// A disabled endpoint of the generated event with <see cref="Deliveries"/> schedule.released deliveries written
    /// through the WebhookOutbox (enabled only inside that transaction), into the copied database before the app starts.
    /// </summary>
    private static async Task<long> QueueAsync(string dir, string slug, string url)
    {
        long endpointId;
        await using (var services = DataGenerator.CreateServices(dir, TimeProvider.System))
        {
            var db = services.GetRequiredService<Db>();
            var outbox = new WebhookOutbox(TimeProvider.System, new NoKick());
            endpointId = await db.WriteAsync(async (c, tx) =>
            {
                var eventId = await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug }, tx);
                var now = DateTimeOffset.UtcNow;
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO webhook_endpoints (event_id, url, secret, event_types, active, created_at, updated_at)
                    VALUES (@eventId, @url, 'whsec_hard_stop_secret_0123456789', ' schedule.released ', TRUE, @now, @now)
                    RETURNING id
                    """, new { eventId, url, now }, tx);
                for (var i = 0; i < Deliveries; i++)
                {
                    await outbox.PublishAsync(c, tx, eventId, WebhookEventTypes.ScheduleReleased, new { version = i + 1 });
                }
                await c.ExecuteAsync("UPDATE webhook_endpoints SET active = FALSE WHERE id = @id", new { id }, tx);
                return id;
            });
            await using var checkpoint = await db.OpenAsync();
            await checkpoint.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        return endpointId;
    }

    private sealed class NoKick : IWebhookDispatcher
    {
        public void Kick() { }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_receiver is not null) await _receiver.DisposeAsync();
    }
}
