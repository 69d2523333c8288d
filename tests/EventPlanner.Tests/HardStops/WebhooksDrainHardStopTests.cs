using System.Collections.Concurrent;
using System.Net;
using Dapper;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 in the middle of a webhook drain (the receiver kills the app as a request is in flight), then a restart on
/// the same data, on the run's engine: every committed delivery still arrives, and a delivery id arrives twice only if
/// its row was still 'sending' when the process died (the at-least-once window the Webhooks README documents). The
/// skeleton is <see cref="DrainKill"/>.
/// </summary>
[Trait("Engine", "Both")]
[Collection(HardStopCollection.Name)]
public sealed class WebhooksDrainHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _copies = new(StringComparer.Ordinal);
    private WebhookReceiver? _receiver;
    private DrainKill? _drain;

    [Fact]
    public async Task Killed_mid_drain_every_webhook_arrives_and_repeats_stay_within_the_sending_window()
    {
        var (site, generated) = await data.SiteAsync("webhooks");
        _receiver = await WebhookReceiver.StartAsync();
        var endpointId = await QueueAsync(site, generated.EventSlug, _receiver.Url("/hard-stop"));
        _drain = new DrainKill(site, new DrainRows(
            "SELECT delivery_id AS Id, state AS State, claimed_until AS ClaimedUntil FROM webhook_deliveries WHERE endpoint_id = @endpointId",
            new { endpointId }, WebhookDeliveryStates.Delivered, id => id), output);
        var drain = _drain;
        // Killed as the n-th request arrives, on the receiver's own thread: that request is in flight at the kill.
        _receiver.Respond = (n, received) =>
        {
            _copies.AddOrUpdate(received.DeliveryId, 1, (_, c) => c + 1);
            drain.Arrived(n, 0);
            return 200;
        };
        var settings = new Dictionary<string, string>
        {
            ["EventPlanner__Webhooks__AllowHttp"] = "true",
            ["EventPlanner__Webhooks__AllowPrivateTargets"] = "true",
            // The shortest lease the app accepts, so the rows the killed run held come back within the test.
            ["EventPlanner__Webhooks__LeaseSeconds"] = "30",
        };
        // Enabling the endpoint kicks the drain of what waited for it.
        await _drain.RunAsync([settings], app => app.CallAsync(HttpMethod.Patch, $"/api/events/{generated.EventSlug}/webhooks/{endpointId}",
            generated.ApiToken(generated.OrganiserEmail), new { active = true }, HttpStatusCode.OK), id => _copies.GetValueOrDefault(id));
    }

    /// <summary>
    /// A disabled endpoint of the generated event with <see cref="DrainKill.Items"/> schedule.released deliveries written
    /// through the WebhookOutbox (enabled only inside that transaction), into the site's database before the app starts.
    /// </summary>
    private static async Task<long> QueueAsync(HardStopSite site, string slug, string url)
    {
        await using var services = site.CreateServices();
        var db = services.GetRequiredService<Db>();
        var outbox = new WebhookOutbox(TimeProvider.System, new NoKick());
        var endpointId = await db.WriteAsync(async (c, tx) =>
        {
            var eventId = await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug }, tx);
            var now = DateTimeOffset.UtcNow;
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO webhook_endpoints (event_id, url, secret, event_types, active, created_at, updated_at)
                VALUES (@eventId, @url, 'whsec_hard_stop_secret_0123456789', ' schedule.released ', TRUE, @now, @now)
                RETURNING id
                """, new { eventId, url, now }, tx);
            for (var i = 0; i < DrainKill.Items; i++)
            {
                await outbox.PublishAsync(c, tx, eventId, WebhookEventTypes.ScheduleReleased, new { version = i + 1 });
            }
            await c.ExecuteAsync("UPDATE webhook_endpoints SET active = FALSE WHERE id = @id", new { id }, tx);
            return id;
        });
        await site.SettleAsync(db);
        return endpointId;
    }

    private sealed class NoKick : IWebhookDispatcher
    {
        public void Kick() { }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_drain is not null) await _drain.DisposeAsync();
        if (_receiver is not null) await _receiver.DisposeAsync();
    }
}
