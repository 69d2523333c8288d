using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>The default retry schedule (10 s, ×3 each time, 10 attempts); only leave to reach the receiver on loopback over http.</summary>
public sealed class DefaultBackoffWebhookApp : EventPlannerAppWithJobs
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventPlanner:Webhooks:AllowHttp"] = "true",
        ["EventPlanner:Webhooks:AllowPrivateTargets"] = "true",
    };
}

/// <summary>
/// A receiver that stays down: the real drain retries on the default schedule, never before each retry is due, for more
/// than 24 hours on the app's clock, then marks the delivery failed; the organiser resends it from the delivery log page.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WebhookRetryScheduleTests(DefaultBackoffWebhookApp app) : IClassFixture<DefaultBackoffWebhookApp>
{
    [Fact]
    public async Task A_receiver_down_for_a_day_gets_retries_with_backoff_for_over_24_hours_then_the_delivery_fails_and_the_log_page_resends_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, _) => 503;
        var s = await ScheduleKit.CreateAsync(app, "hooks-backoff", organiserEmail: "hooks-backoff-org@example.org");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url(), WebhookEventTypes.ScheduleReleased);
        var eventId = await app.EventIdAsync(s.Slug);
        var options = app.Services.GetRequiredService<WebhookOptions>();
        var dispatcher = app.Services.GetRequiredService<IWebhookDispatcher>();
        var queuedAt = app.Clock.GetUtcNow();
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

        WebhookDeliveryRow row;
        for (var attempt = 1; ; attempt++)
        {
            row = await WaitForAsync(eventId, r => r.Attempts == attempt && r.State != WebhookDeliveryStates.Sending, $"attempt {attempt} recorded");
            if (row.State == WebhookDeliveryStates.Failed) break;
            Assert.Equal(WebhookDeliveryStates.Pending, row.State);
            var wait = row.NextAttemptAt - app.Clock.GetUtcNow();
            Assert.InRange(wait, options.BackoffAfter(attempt) - TimeSpan.FromSeconds(1), options.BackoffAfter(attempt) + TimeSpan.FromSeconds(1));

            // A second before it is due, a drain leaves it alone.
            app.Clock.Advance(wait - TimeSpan.FromSeconds(1));
            dispatcher.Kick();
            await Task.Delay(300);
            Assert.Equal(attempt, receiver.All.Count);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            dispatcher.Kick();
        }

        var span = app.Clock.GetUtcNow() - queuedAt;
        Assert.Equal(options.MaxAttempts, row.Attempts);
        Assert.Equal(options.MaxAttempts, receiver.All.Count);
        Assert.True(span >= TimeSpan.FromHours(24), $"Gave up after {span}.");
        Assert.True(span <= TimeSpan.FromHours(36), $"Still retrying after {span}.");

        // The receiver is back; the organiser reads the log (each attempt's status and answer) and resends.
        receiver.Respond = (_, _) => 200;
        var browser = await app.SignInAsync("hooks-backoff-org@example.org");
        var page = $"/events/{s.Slug}/webhooks/deliveries/{row.Id}";
        var html = await browser.GetStringAsync(page);
        Assert.Contains("data-testid=\"delivery-state\">failed<", html);
        Assert.Contains("<td>503</td>", html);
        Assert.Contains("<code>not now</code>", html);
        var resent = await browser.PostFormAsync($"{page}?handler=Resend", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);

        await receiver.WaitUntilAsync(all => all.Count == options.MaxAttempts + 1, "the resend arrived");
        row = await WaitForAsync(eventId, r => r.State == WebhookDeliveryStates.Delivered, "the resend recorded delivered");
        Assert.Single(receiver.All.Select(r => r.DeliveryId).Distinct());
        Assert.Equal(200, receiver.All[^1].AnsweredWith);
        html = await browser.GetStringAsync(page);
        Assert.Contains("data-testid=\"delivery-state\">delivered<", html);
        Assert.Contains("<td>200</td>", html);
        Assert.Contains("<code>thanks</code>", html);
    }

    private async Task<WebhookDeliveryRow> WaitForAsync(long eventId, Func<WebhookDeliveryRow, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var row = Assert.Single(await app.DeliveriesAsync(eventId));
            if (done(row)) return row;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}: {row.State}, {row.Attempts} attempts.");
            await Task.Delay(50);
        }
    }
}
