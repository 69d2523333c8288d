using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// A host a test can stop as a crash ends it (its job server and its in-memory job queue gone) while the factory
/// keeps the database, so a second host (<c>WithWebHostBuilder</c>) starts on the same data, as a restarted process would.
/// </summary>
public sealed class StoppableWebhookApp(bool jobs) : EventPlannerApp
{
    private readonly List<IHost> _hosts = [];

    public StoppableWebhookApp() : this(jobs: true) { }

    protected override bool RunsJobs => jobs;

    protected override IDictionary<string, string?> Settings => WebhookKit.ReachLoopback;

    // Hosts derived with WithWebHostBuilder come through here too; the first is this factory's own.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        lock (_hosts) _hosts.Add(host);
        return host;
    }

    /// <summary>Stops this factory's own host; the database stays for the next one.</summary>
    public async Task StopFirstHostAsync()
    {
        IHost first;
        lock (_hosts) first = _hosts[0];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await first.StopAsync(timeout.Token);
    }
}

/// <summary>
/// Committed, then the app stops before the delivery is done: a new host on the same database still delivers it.
/// Before the stop either nothing was sent (no job server ran), or the request was in flight; then the receiver gets
/// the same delivery id again, the at-least-once rule receivers de-duplicate by.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task A_delivery_committed_by_a_host_that_stopped_before_sending_is_delivered_by_the_next_host()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var first = new StoppableWebhookApp(jobs: false);
        var s = await ScheduleKit.CreateAsync(first, "hooks-restart");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url(), WebhookEventTypes.ScheduleReleased, WebhookEventTypes.SessionChanged);
        var session = await s.SessionAsync("Survives a restart");
        await s.PlaceAsync(session, s.Janson, "11:00");
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var eventId = await first.EventIdAsync(s.Slug);
        Assert.Equal(2, (await first.DeliveriesAsync(eventId)).Count(d => d.State == WebhookDeliveryStates.Pending));

        await first.StopFirstHostAsync(); // committed, never sent: its kick's job was queued in memory and is gone with it
        await Task.Delay(500);
        Assert.Empty(receiver.All);

        // A new host with a job server on the same database: starting up kicks the drain.
        await using var restarted = first.WithWebHostBuilder(b => b.UseSetting("EventPlanner:Jobs:Server", "true"));
        _ = restarted.Services;
        await receiver.WaitUntilAsync(all => all.Count == 2, "both deliveries arrived after the restart");
        await Task.Delay(500);
        Assert.Equal(2, receiver.All.Select(x => x.DeliveryId).Distinct().Count());
        Assert.Equal(2, receiver.All.Count);
        await WaitUntilAsync(async () => (await restarted.DeliveriesAsync(eventId)).All(d => d.State == WebhookDeliveryStates.Delivered), "both recorded delivered");
    }

    [Fact]
    public async Task A_delivery_in_flight_when_the_host_stops_is_sent_again_by_the_next_host_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var answer = new ManualResetEventSlim();
        // The first request is held until the host has stopped: the receiver has it, the app never hears the 200.
        receiver.Respond = (n, _) =>
        {
            if (n == 1)
            {
                inFlight.TrySetResult();
                answer.Wait(TimeSpan.FromSeconds(60));
            }
            return 200;
        };
        using var first = new StoppableWebhookApp();
        var s = await ScheduleKit.CreateAsync(first, "hooks-in-flight");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url(), WebhookEventTypes.ScheduleReleased);
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var eventId = await first.EventIdAsync(s.Slug);
        await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await first.StopFirstHostAsync();
        answer.Set(); // (the stopped host's provider is gone with it: the new host reads the database)

        await using var restarted = first.WithWebHostBuilder(_ => { });
        _ = restarted.Services;
        await Task.Delay(500);
        var claimed = Assert.Single(await restarted.DeliveriesAsync(eventId));
        Assert.Equal((WebhookDeliveryStates.Sending, 1), (claimed.State, claimed.Attempts)); // the stopped host's claim outlives it
        Assert.Single(receiver.All); // and its lease still holds: nobody sends it twice at once
        first.Clock.Advance(TimeSpan.FromMinutes(6)); // past the 5-minute lease the stopped host held
        restarted.Services.GetRequiredService<IWebhookDispatcher>().Kick();

        await receiver.WaitUntilAsync(all => all.Count == 2, "the delivery was sent again");
        await WaitUntilAsync(async () => (await restarted.DeliveriesAsync(eventId)).Single().State == WebhookDeliveryStates.Delivered, "delivered recorded");
        await Task.Delay(500);
        Assert.Equal(2, receiver.All.Count);
        Assert.Single(receiver.All.Select(x => x.DeliveryId).Distinct()); // the same id both times
        Assert.Equal(2, (await restarted.DeliveriesAsync(eventId)).Single().Attempts);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
