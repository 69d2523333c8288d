using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>Plain http allowed, private targets not: what the connect step does when a stored URL now points inside.</summary>
public sealed class HttpOnlyWebhookApp : EventPlannerAppWithJobs
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:Webhooks:AllowHttp"] = "true" };
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WebhookConnectTimeTests(HttpOnlyWebhookApp app) : IClassFixture<HttpOnlyWebhookApp>
{
    [Fact]
    public async Task A_stored_url_that_now_reaches_a_loopback_address_is_refused_as_the_sender_connects()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var ev = await app.EventAsync();
        // As if the name had been re-pointed to 127.0.0.1 after it passed the registration check.
        var delivery = await DeliverToAsync(ev.Id, receiver.Url());

        var row = await WaitForAttemptAsync(delivery);

        Assert.Empty(receiver.All);
        Assert.Equal(WebhookDeliveryStates.Pending, row.State); // retried later, and refused again
        Assert.Contains("non-public address; refused", row.LastError);
    }

    private async Task<long> DeliverToAsync(long eventId, string url)
    {
        var db = app.Services.GetRequiredService<Db>();
        var outbox = app.Services.GetRequiredService<WebhookOutbox>();
        var now = app.Clock.GetUtcNow();
        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO webhook_endpoints (event_id, url, secret, event_types, active, created_at, updated_at)
                VALUES (@eventId, @url, 'whsec_test_secret_0123456789', ' ticket.issued ', TRUE, @now, @now)
                """, new { eventId, url, now }, tx);
            await outbox.PublishAsync(c, tx, eventId, WebhookEventTypes.TicketIssued, new { ticket = new { id = 1 } });
        });
        outbox.Kick();
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT max(id) FROM webhook_deliveries WHERE event_id = @eventId", new { eventId });
    }

    private async Task<WebhookDeliveryRow> WaitForAttemptAsync(long id)
    {
        var db = app.Services.GetRequiredService<Db>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var c = await db.OpenAsync();
            var row = await c.QuerySingleAsync<WebhookDeliveryRow>("SELECT * FROM webhook_deliveries WHERE id = @id", new { id });
            if (row.Attempts > 0 && row.State != WebhookDeliveryStates.Sending) return row;
            if (DateTime.UtcNow > until) throw new TimeoutException("No attempt was recorded.");
            await Task.Delay(50);
        }
    }
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WebhookRedirectTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => 307;
        var s = await Schedule.ScheduleKit.CreateAsync(app, "hooks-redirect");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url("/moved"), WebhookEventTypes.ScheduleReleased);
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(s.Organiser, $"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var eventId = await app.EventIdAsync(s.Slug);

        var until = DateTime.UtcNow.AddSeconds(30);
        WebhookDeliveryRow row;
        while ((row = (await app.DeliveriesAsync(eventId)).Single()).Attempts == 0 || row.State == WebhookDeliveryStates.Sending)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("No attempt was recorded.");
            await Task.Delay(50);
        }

        Assert.Single(receiver.All); // only the first address was asked
        Assert.Equal((WebhookDeliveryStates.Pending, 307), (row.State, row.LastStatus));
        Assert.Contains("redirects are not followed", row.LastError);
    }
}
