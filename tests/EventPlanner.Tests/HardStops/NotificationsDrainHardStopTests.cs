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
/// kill -9 in the middle of a notifications drain over SMTP, then a restart on the same data, on the run's engine:
/// every notification still arrives, and a message arrives twice only if its row was still 'sending' when the process
/// died (the window the Notifications README documents: accepted by the server, 'sent' not yet committed). The
/// skeleton is <see cref="DrainKill"/>; MultiNode's KilledNodeDrainTests kill one of two nodes instead.
/// </summary>
[Trait("Engine", "Both")]
[Collection(HardStopCollection.Name)]
public sealed class NotificationsDrainHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<LoopbackSmtpServer> _smtp = [];
    private DrainKill? _drain;

    [Fact]
    public async Task Killed_mid_drain_every_notification_arrives_and_duplicates_stay_within_the_sending_window()
    {
        var (site, generated) = await data.SiteAsync("drain");
        var arrivals = await HeldNotifications.QueueHeldAsync(site, generated.EventSlug);
        _drain = HeldNotifications.Drain(site, output);
        var smtp = HeldNotifications.Listen(arrivals, _drain, node: 0);
        _smtp.Add(smtp);
        await _drain.RunAsync([HeldNotifications.Settings(smtp)], app => HeldNotifications.ReleaseAsync(app, generated), arrivals.Received);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_drain is not null) await _drain.DisposeAsync();
        foreach (var smtp in _smtp) await smtp.DisposeAsync();
    }
}
