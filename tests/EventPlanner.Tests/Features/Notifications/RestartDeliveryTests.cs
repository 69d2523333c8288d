using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>A host stopped mid-drain and a second one started on the same database (file or PostgreSQL database) deliver each mail once.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): the restart is a second host on the class's PostgreSQL database
public sealed class RestartDeliveryTests
{
    [Fact]
    public async Task Stopping_the_host_mid_batch_and_starting_it_again_delivers_every_notification_exactly_once()
    {
        const int count = 40;
        using var app = new SmtpApp();
        var smtp = app.Smtp;

        // First run: the SMTP server accepts 10 messages, then holds its replies, as a slow server would.
        var first = app.WithWebHostBuilder(_ => { });
        var ids = new List<long>();
        var lease = first.Services.GetRequiredService<NotificationOptions>().Lease;
        using (var scope = first.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var userIds = new List<long>();
            for (var i = 0; i < count; i++)
            {
                var user = new AppUser { Email = $"restart{i}@example.org", DisplayName = $"Restart {i}", EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                userIds.Add(user.Id);
            }
            smtp.HoldAfter = 10;
            var outbox = first.Services.GetRequiredService<Outbox>();
            // One business change promising 40 mails, in one transaction.
            await first.Services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
            {
                foreach (var userId in userIds)
                {
                    ids.Add((await outbox.EnqueueAsync(c, tx, new NotificationRequest($"restart:{userId}", AccountNotificationKinds.AccountConfirm.Name, userId, null,
                        new Dictionary<string, string> { ["link"] = "/account/confirm" })))!.Value);
                }
            });
            outbox.Kick();
        }
        await NotificationTestKit.WaitUntilAsync(() => smtp.Messages.Count == 10 && smtp.HeldCount > 0, "ten mails are accepted and the next ones are in flight");

        await first.DisposeAsync(); // the host stops in the middle of the batch

        // (Only ever the two hosts below: touching app.Services would start a third on the same database.)
        var afterStop = await NotificationTestKit.OutboxStoredAsync(app, "restart:");
        var states = string.Join(", ", afterStop.GroupBy(r => r.State).Select(g => $"{g.Key}: {g.Count()}"));
        Assert.True(afterStop.Count(r => r.State == NotificationStates.Sent) == 10, states);
        Assert.True(afterStop.Any(r => r.State == NotificationStates.Sending), states); // in flight when we stopped: the lease decides
        Assert.True(afterStop.Any(r => r.State == NotificationStates.Pending), states); // claimed but never begun: handed back at once
        // The server never committed the messages whose reply it was holding.
        smtp.ReleaseHeld(accept: false);

        // Second run on the same database, once the in-flight rows' lease has lapsed.
        app.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        await using var second = app.WithWebHostBuilder(_ => { });
        _ = second.Services; // starting up kicks delivery of whatever is left
        await NotificationTestKit.WaitUntilAsync(async () => (await second.OutboxAsync("restart:")).All(r => r.State == NotificationStates.Sent),
            "every notification is sent after the restart", seconds: 30);

        var rows = await second.OutboxAsync("restart:");
        Assert.Equal(count, smtp.Messages.Count);
        Assert.All(rows, r => Assert.Equal(1, smtp.CountWithMessageId(r.MessageId)));
    }
}
