using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>
/// The one way to write notifications (<see cref="Outbox.WriteWithNoticesAsync{T}"/> and its locked twin): what a
/// write adds to its batch commits or rolls back with it, and delivery is kicked once, only after a commit that
/// queued something. Kicks are counted by an outbox built on the app's services with a dispatcher that, at each kick,
/// reads from its own connection how many of the test's rows are committed.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WriteWithNoticesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private sealed class CountingDispatcher(Db db, string prefix) : IOutboxDispatcher
    {
        public List<long> CommittedAtKick { get; } = [];

        public void Kick() => CommittedAtKick.Add(db.ReadAsync(c =>
            c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE dedupe_key LIKE @p", new { p = prefix + "%" })).GetAwaiter().GetResult());
    }

    private (Outbox Outbox, CountingDispatcher Kicks) Counted(string prefix)
    {
        var kicks = new CountingDispatcher(app.Services.GetRequiredService<Db>(), prefix);
        return (ActivatorUtilities.CreateInstance<Outbox>(app.Services, (IOutboxDispatcher)kicks), kicks);
    }

    private static NotificationRequest Confirm(string key, long userId) =>
        new(key, AccountNotificationKinds.AccountConfirm.Name, userId, null, new Dictionary<string, string> { ["link"] = "/confirm" });

    [Fact]
    public async Task A_write_that_throws_after_adding_to_its_batch_queues_nothing_and_kicks_nothing()
    {
        var user = await app.CreateUserAsync("wwn-throws@example.org");
        var admin = await app.CreateApiClientAsync("wwn-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(admin, "wwn-throws");
        var (outbox, kicks) = Counted("wwn-throws:");
        var added = new List<long?>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            added.Add(await notices.AddAsync(c, tx, Confirm("wwn-throws:plain", user.Id)));
            throw new InvalidOperationException("the business change failed after its notice was added");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, notices) =>
        {
            added.Add(await notices.AddAsync(c, tx, Confirm("wwn-throws:locked", user.Id)));
            throw new InvalidOperationException("the locked change failed too");
        }));

        Assert.All(added, id => Assert.NotNull(id)); // both rows were written inside their transactions...
        Assert.Empty(await app.OutboxAsync("wwn-throws:")); // ...and rolled back with them
        Assert.Empty(kicks.CommittedAtKick); // nobody was told to deliver anything
    }

    [Fact]
    public async Task A_committed_write_kicks_once_after_its_commit_and_only_when_it_queued_something()
    {
        var user = await app.CreateUserAsync("wwn-commits@example.org");
        var admin = await app.CreateApiClientAsync("wwn-commits-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(admin, "wwn-commits");
        var (outbox, kicks) = Counted("wwn-commits:");

        var queued = await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
        {
            await notices.AddAsync(c, tx, Confirm("wwn-commits:1", user.Id));
            await notices.AddAsync(c, tx, Confirm("wwn-commits:2", user.Id));
            return notices.Queued;
        });
        Assert.Equal(2, queued);
        Assert.Equal([2L], kicks.CommittedAtKick); // one kick, and both rows were already committed when it came

        // The same facts again (a retried request): nothing new, so no kick; a write with no notices kicks nothing either.
        var again = await outbox.WriteLockedWithNoticesAsync(eventId, async (c, tx, notices) =>
        {
            await notices.AddAsync(c, tx, Confirm("wwn-commits:1", user.Id));
            return notices.Queued;
        });
        await outbox.WriteWithNoticesAsync((c, tx, notices) => Task.CompletedTask);
        Assert.Equal(0, again);
        Assert.Equal([2L], kicks.CommittedAtKick);

        var third = await outbox.WriteLockedWithNoticesAsync(eventId, (c, tx, notices) => notices.AddAsync(c, tx, Confirm("wwn-commits:3", user.Id)));
        Assert.NotNull(third);
        Assert.Equal([2L, 3L], kicks.CommittedAtKick);
    }

    [Fact]
    public async Task A_notice_written_with_its_change_is_delivered()
    {
        var user = await app.CreateUserAsync("wwn-delivered@example.org");
        var outbox = app.Services.GetRequiredService<Outbox>();

        var id = await outbox.WriteWithNoticesAsync((c, tx, notices) => notices.AddAsync(c, tx, Confirm("wwn-delivered:1", user.Id)));

        Assert.NotNull(id);
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id!.Value)).State == NotificationStates.Sent, "the notice is sent");
        Assert.Single(app.Mail.Sent, m => m.ToAddress == "wwn-delivered@example.org");
    }
}
