using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// cfp.opened and cfp.closed by the call's configured times: the sweep publishes each transition once however often it
/// runs, and a rolled-back announcement sends nothing and leaves the transition to be announced. Own app: these tests
/// move the clock by days.
/// </summary>
[Trait("Engine", "Both")]
public sealed class CfpWebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task The_sweep_announces_opening_and_closing_by_the_configured_times_once_however_often_it_runs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var e = await CfpKit.CreateAsync(app, "cfp-hooks-times");
        var endpoint = await e.Organiser.AddEndpointAsync(e.Slug, receiver.Url(), WebhookEventTypes.CfpOpened, WebhookEventTypes.CfpClosed);
        var now = app.Clock.GetUtcNow();
        // Opens in an hour, closes in two days: nothing to announce yet (upcoming is not announced).
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp", new { opensAt = CfpKit.Local(now.AddHours(1)), closesAt = CfpKit.Local(now.AddDays(2)), intro = "" }))
            .EnsureSuccessStatusCode();
        var sweep = app.Services.GetRequiredService<CfpWebhookSweep>();
        await sweep.RunAsync(CancellationToken.None);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        await receiver.WaitUntilAsync(all => all.Count >= 1, "the opening arrived");

        app.Clock.Advance(TimeSpan.FromDays(2));
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        // A sweep of another instance (as after a restart) reads the same remembered state.
        await ActivatorUtilities.CreateInstance<CfpWebhookSweep>(app.Services).RunAsync(CancellationToken.None);
        await receiver.WaitUntilAsync(all => all.Count >= 2, "the closing arrived");
        await Task.Delay(500); // time for a duplicate to show up, if there were one

        var eventId = await app.EventIdAsync(e.Slug);
        Assert.Equal([WebhookEventTypes.CfpOpened, WebhookEventTypes.CfpClosed], (await app.DeliveriesAsync(eventId)).Select(d => d.EventType));
        Assert.Equal([WebhookEventTypes.CfpOpened, WebhookEventTypes.CfpClosed], receiver.All.Select(x => x.EventType));
        // Signed at the app's clock when sent; the test has moved it two days on since the first.
        Assert.All(receiver.All, x => Assert.True(WebhookRules.Verify(endpoint.Secret!, x.Signature, x.Body, app.Clock.GetUtcNow(), TimeSpan.FromDays(3))));
        Assert.Contains("\"previousState\":\"upcoming\"", receiver.All[0].Body);
        Assert.Contains("\"previousState\":\"open\"", receiver.All[1].Body);
        Assert.Contains($"/events/{e.Slug}/cfp", receiver.All[1].Body);
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));
    }
}

/// <summary>
/// Without a job server (so no recurring sweep runs on the wall clock beside the test's own): the delivery rows are what
/// a rolled-back announcement must not leave.
/// </summary>
[Trait("Engine", "Both")]
public sealed class CfpWebhookRollbackTests(WebhookAppWithoutJobs app) : IClassFixture<WebhookAppWithoutJobs>
{
    [Fact]
    public async Task A_rolled_back_announcement_sends_nothing_and_the_next_sweep_announces_it_once_even_across_a_restart()
    {
        var e = await CfpKit.CreateAsync(app, "cfp-hooks-rollback", closesIn: TimeSpan.FromHours(1));
        await e.Organiser.AddEndpointAsync(e.Slug, "http://127.0.0.1:9/hooks", WebhookEventTypes.CfpClosed);
        var eventId = await app.EventIdAsync(e.Slug);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var db = app.Services.GetRequiredService<Db>();
        var hooks = app.Services.GetRequiredService<CfpWebhooks>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (c, tx) =>
        {
            Assert.True(await hooks.AnnounceInAsync(c, tx, eventId));
            throw new InvalidOperationException("the transaction failed after announcing");
        }));
        Assert.Empty(await app.DeliveriesAsync(eventId));
        await using (var c = await db.OpenAsync())
        {
            Assert.Equal("open", await c.ExecuteScalarAsync<string>("SELECT state FROM cfp_webhook_states WHERE event_id = @eventId", new { eventId }));
        }

        var sweep = app.Services.GetRequiredService<CfpWebhookSweep>();
        Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal(WebhookEventTypes.CfpClosed, Assert.Single(await app.DeliveriesAsync(eventId)).EventType);

        // A restarted app on the same database remembers what was announced.
        await using var restarted = app.WithWebHostBuilder(_ => { });
        Assert.Single(await restarted.DeliveriesAsync(eventId)); // the same database, with the announcement in it
        Assert.Equal(0, await restarted.Services.GetRequiredService<CfpWebhookSweep>().RunAsync(CancellationToken.None));
        Assert.Single(await restarted.DeliveriesAsync(eventId));
    }
}
