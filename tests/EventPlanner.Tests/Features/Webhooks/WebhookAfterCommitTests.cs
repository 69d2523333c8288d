using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Community;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// The webhook app whose drain kicks are watched: each kick first counts, on a connection of its own, the delivery
/// rows committed at that moment. A kick made before its change committed counts fewer rows than the change wrote.
/// </summary>
public sealed class KickWatchingWebhookApp : WebhookApp
{
    /// <summary>Committed delivery rows (all events) seen by each kick, in order.</summary>
    public ConcurrentQueue<long> Kicks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IWebhookDispatcher>();
            services.AddSingleton<IWebhookDispatcher>(sp => new CommitWatchingDispatcher(sp.GetRequiredService<WebhookDispatcher>(), sp.GetRequiredService<Db>(), Kicks));
        });
    }

    private sealed class CommitWatchingDispatcher(WebhookDispatcher inner, Db db, ConcurrentQueue<long> kicks) : IWebhookDispatcher
    {
        public void Kick()
        {
            using (var c = db.OpenAsync().GetAwaiter().GetResult())
            {
                kicks.Enqueue(c.ExecuteScalar<long>("SELECT COUNT(*) FROM webhook_deliveries"));
            }
            inner.Kick();
        }
    }
}

/// <summary>
/// Changes nobody's request to the organisers made (automatic releases by attendees and group hosts, the CfP sweep job,
/// a group taking the organisers' proposed time) kick the drain after their commit, and their webhooks arrive once.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WebhookAfterCommitTests(KickWatchingWebhookApp app) : IClassFixture<KickWatchingWebhookApp>
{
    [Fact]
    public async Task Automatic_releases_by_a_bof_proposer_and_a_group_host_and_the_cfp_sweep_job_kick_after_commit_and_are_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var released = new[] { WebhookEventTypes.ScheduleReleased, WebhookEventTypes.SessionChanged };

        // A BoF's proposer (an attendee) books a slot: the public schedule is released on the spot.
        var b = await BofKit.CreateAsync(app, "after-commit-bofs", threshold: 1);
        await b.Organiser.AddEndpointAsync(b.Slug, receiver.Url("/bofs"), [.. released, WebhookEventTypes.BofBooked]);
        var proposer = await app.UserAsync("after-commit-proposer");
        var bof = await b.ProposeAsync(proposer, "Debian packaging clinic");
        await b.InterestedAsync(app, bof.Id, 1);
        var bofs = await ActAsync(() => b.BookAsync(proposer.Api, bof.Id, b.Lunch).ContinueWith(t => BofKit.Ok(t.Result)).Unwrap(),
            [WebhookEventTypes.ScheduleReleased, WebhookEventTypes.SessionChanged, WebhookEventTypes.BofBooked]);

        // A group's host fills the block organisers approved (after the programme's first release): released at once.
        var c = await CommunityKit.CreateAsync(app, "after-commit-community", "Fedora Malaysia");
        var block = await c.ApprovedBlockAsync(c.Schedule.Small, "14:00", "16:00");
        await c.ReleaseAsync();
        await c.Organiser.AddEndpointAsync(c.Slug, receiver.Url("/community"), released);
        var community = await ActAsync(() => c.AddSessionRawAsync(block.Id, "Silverblue in practice", "14:00", "15:00").ContinueWith(t => BofKit.Ok(t.Result)).Unwrap(),
            [WebhookEventTypes.ScheduleReleased, WebhookEventTypes.SessionChanged]);

        // The CfP part moves the test clock two hours on. A delivery still in flight then (the receiver has it, its row
        // is still 'sending') would see its claim lapse and be sent again by the sweep's drain: at-least-once, as
        // designed, but a duplicate here (CI under load, once). So the earlier changes' deliveries settle first.
        await AllSettledAsync();

        // The CfP sweep (a recurring job, no request at all) announces a call that closed.
        var cfp = await CfpKit.CreateAsync(app, "after-commit-cfp", closesIn: TimeSpan.FromHours(1));
        await cfp.Organiser.AddEndpointAsync(cfp.Slug, receiver.Url("/cfp"), WebhookEventTypes.CfpClosed);
        var sweep = app.Services.GetRequiredService<CfpWebhookSweep>();
        var cfps = await ActAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromHours(2));
            await sweep.RunAsync(CancellationToken.None);
            return new HttpResponseMessage();
        }, [WebhookEventTypes.CfpClosed]);

        var expected = bofs.Concat(community).Concat(cfps).ToList();
        await receiver.WaitUntilAsync(all => all.Count >= expected.Count, "every automatic change's webhooks arrived");
        await Task.Delay(500); // time for a duplicate to show up, if there were one
        Assert.Equal(expected.Order(), receiver.All.Select(x => x.EventType).Order());
        Assert.Equal(receiver.All.Count, receiver.All.Select(x => x.DeliveryId).Distinct().Count());
        Assert.Contains($"/events/{cfp.Slug}/cfp", receiver.All.Single(x => x.EventType == WebhookEventTypes.CfpClosed).Body);
        Assert.Contains("Debian packaging clinic", receiver.All.Single(x => x.EventType == WebhookEventTypes.BofBooked).Body);
    }

    [Fact]
    public async Task A_group_accepting_the_organisers_proposed_time_delivers_one_block_approved_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var c = await CommunityKit.CreateAsync(app, "after-commit-accept", "FOSSChix");
        var endpoint = await c.Organiser.AddEndpointAsync(c.Slug, receiver.Url("/accept"), WebhookEventTypes.CommunityBlockApproved);
        var block = await c.RequestAsync(c.Schedule.Medium, "16:00", "17:00");
        (await c.Organiser.PostAsJsonAsync($"{c.Api}/requests/{block.Id}/propose", new
        {
            roomId = c.Schedule.Small, date = ScheduleKit.Day2, start = "10:00", end = "11:00", note = "H.2215 is busy that afternoon.",
        })).EnsureSuccessStatusCode();
        Assert.Empty(await app.DeliveriesAsync(await app.EventIdAsync(c.Slug))); // a proposal approves nothing yet

        await ActAsync(() => c.Host.PostAsync($"{c.Api}/requests/{block.Id}/accept-proposal", null).ContinueWith(t => BofKit.Ok(t.Result)).Unwrap(),
            [WebhookEventTypes.CommunityBlockApproved]);
        // Accepting again is refused (nothing open to accept) and publishes nothing more.
        Assert.False((await c.Host.PostAsync($"{c.Api}/requests/{block.Id}/accept-proposal", null)).IsSuccessStatusCode);

        await receiver.WaitUntilAsync(all => all.Count >= 1, "the approval arrived");
        await Task.Delay(500);
        var got = Assert.Single(receiver.All);
        Assert.Equal(WebhookEventTypes.CommunityBlockApproved, got.EventType);
        Assert.True(WebhookRules.Verify(endpoint.Secret!, got.Signature, got.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(got.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(CommunityWebhooks.ByGroupAcceptingProposal, data.GetProperty("approvedBy").GetString());
        Assert.Equal("K.1.105", data.GetProperty("block").GetProperty("room").GetProperty("name").GetString()); // the proposed room, not the requested one
        Assert.Equal(WebhookDeliveryStates.Delivered, await DeliveredStateAsync(c.Slug));
    }

    /// <summary>
    /// Runs the change and returns the types of the delivery rows it committed (exactly <paramref name="expected"/>),
    /// after checking it kicked the drain and that every kick during it saw those rows committed.
    /// </summary>
    private async Task<IReadOnlyList<string>> ActAsync(Func<Task<HttpResponseMessage>> change, string[] expected)
    {
        var before = await CountAsync();
        var kicksBefore = app.Kicks.Count;
        (await change()).EnsureSuccessStatusCode();
        var after = await CountAsync();
        var kicks = app.Kicks.Skip(kicksBefore).ToList();

        Assert.Equal(before + expected.Length, after);
        Assert.NotEmpty(kicks); // nothing waits for the minute's sweep
        Assert.All(kicks, seen => Assert.True(seen >= after, $"A kick saw {seen} committed rows; the change had committed {after}: kicked before its commit."));
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var types = (await c.QueryAsync<string>("SELECT event_type FROM webhook_deliveries ORDER BY id DESC LIMIT @n", new { n = expected.Length })).AsList();
        Assert.Equal(expected.Order(), types.Order());
        return types;
    }

    // Every delivery row delivered (none pending or in flight), within 30 s.
    private async Task AllSettledAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        long open;
        do
        {
            await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
                open = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE state <> @delivered", new { delivered = WebhookDeliveryStates.Delivered });
            if (open > 0) await Task.Delay(50);
        }
        while (open > 0 && DateTime.UtcNow < until);
        Assert.Equal(0, open);
    }

    private async Task<long> CountAsync()
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_deliveries");
    }

    private async Task<string> DeliveredStateAsync(string slug)
    {
        var eventId = await app.EventIdAsync(slug);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = Assert.Single(await app.DeliveriesAsync(eventId)).State;
            if (state == WebhookDeliveryStates.Delivered || DateTime.UtcNow > until) return state;
            await Task.Delay(50);
        }
    }
}
