using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>Private targets allowed (the receiver is on loopback), plain http not: the default for http.</summary>
public sealed class HttpsOnlyWebhookApp : EventPlannerAppWithJobs
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:Webhooks:AllowPrivateTargets"] = "true" };
}

[Trait("Engine", "Both")]
public sealed class WebhookHttpsOnlyTests(HttpsOnlyWebhookApp app) : IClassFixture<HttpsOnlyWebhookApp>
{
    [Fact]
    public async Task A_stored_plain_http_url_gets_nothing_once_the_administrator_no_longer_allows_http()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var ev = await app.EventAsync();
        var db = app.Services.GetRequiredService<Db>();
        var outbox = app.Services.GetRequiredService<WebhookOutbox>();
        var now = app.Clock.GetUtcNow();
        // As if registered while http was allowed: the registration check cannot refuse it now.
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO webhook_endpoints (event_id, url, secret, event_types, active, created_at, updated_at)
                VALUES (@Id, @url, 'whsec_test_secret_0123456789', ' ticket.issued ', TRUE, @now, @now)
                """, new { ev.Id, url = receiver.Url(), now }, tx);
            await outbox.PublishAsync(c, tx, ev.Id, WebhookEventTypes.TicketIssued, new { ticket = new { id = 1 } });
        });
        outbox.Kick();

        var until = DateTime.UtcNow.AddSeconds(30);
        WebhookDeliveryRow row;
        while ((row = Assert.Single(await app.DeliveriesAsync(ev.Id))).Attempts == 0 || row.State == WebhookDeliveryStates.Sending)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("No attempt was recorded.");
            await Task.Delay(50);
        }

        await Task.Delay(300);
        Assert.Empty(receiver.All);
        Assert.Equal(WebhookDeliveryStates.Pending, row.State); // retried later, and refused again
        Assert.Contains("https:// addresses only", row.LastError);
    }
}
