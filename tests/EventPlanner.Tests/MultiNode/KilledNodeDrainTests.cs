using EventPlanner.TestSupport;
using EventPlanner.Tests.HardStops;
using Xunit.Abstractions;

namespace EventPlanner.Tests.MultiNode;

/// <summary>
/// Issue 19's "killing node A mid-drain loses no notification", with a real kill: two app processes on one PostgreSQL
/// database, each with its job server and its own SMTP server (so the test knows which node sent what), drain 1,500
/// released notifications; the node that delivers the 300th is killed with SIGKILL (node A, whichever of the two the
/// drain job landed on), and the other, never restarted, sends the rest: every notification arrives, exactly once,
/// except those whose row was still 'sending' when A died and that A's SMTP server had already taken: those come once
/// more, from B, with the same Message-Id. The skeleton is the hard stops' <see cref="DrainKill"/>.
/// </summary>
[Trait("Engine", "Postgres")]
[Collection(HardStopCollection.Name)]
public sealed class KilledNodeDrainTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<LoopbackSmtpServer> _smtp = [];
    private DrainKill? _drain;

    [Fact]
    public async Task Node_A_killed_mid_drain_node_B_delivers_every_notification_once_but_those_in_flight()
    {
        var (site, generated) = await data.PostgresSiteAsync("two-nodes");
        var arrivals = await HeldNotifications.QueueHeldAsync(site, generated.EventSlug);
        _drain = HeldNotifications.Drain(site, output);
        for (var node = 0; node < 2; node++) _smtp.Add(HeldNotifications.Listen(arrivals, _drain, node));

        await _drain.RunAsync(_smtp.Select(HeldNotifications.Settings).ToList(),
            app => HeldNotifications.ReleaseAsync(app, generated), arrivals.Received);

        Assert.Equal(1, _drain.Nodes.Count(n => n.Killed));
        Assert.Equal(1, _drain.Nodes.Count(n => !n.HasExited));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_drain is not null) await _drain.DisposeAsync();
        foreach (var smtp in _smtp) await smtp.DisposeAsync();
    }
}
