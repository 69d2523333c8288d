using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>Notifications to an email address that may have no account: a co-speaker invitation, a ticket offered to a friend.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OutboxAddressTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private Outbox Outbox => app.Services.GetRequiredService<Outbox>();

    private static NotificationRequest Closed(string key, string address, long eventId) =>
        NotificationRequest.ForAddress(key, TicketNotificationKinds.TransferClosed.Name, address, "Friend", eventId,
            new Dictionary<string, string> { ["outcome"] = "declined by the recipient" });

    private async Task<long> EventAsync(string slug)
    {
        var admin = await app.CreateApiClientAsync($"{slug}-admin@example.org", admin: true);
        return (await app.CreateEventAsync(admin, slug)).Id;
    }

    [Fact]
    public async Task An_address_without_an_account_is_mailed_and_the_notification_is_in_nobodys_inbox()
    {
        var eventId = await EventAsync("addr-none");

        var id = await Outbox.EnqueueAsync(Closed("addr-test:none", "Nobody.Yet@example.org", eventId));

        var row = await app.RowAsync(id!.Value);
        Assert.Null(row.UserId);
        Assert.False(row.InInbox);
        Assert.Equal(("Nobody.Yet@example.org", "Friend"), (row.ToAddress, row.ToName));
        Assert.StartsWith("Hello Friend,", row.Body);
        var mail = await app.Mail.WaitForAsync("nobody.yet@example.org", "declined by the recipient");
        Assert.Equal("Friend", mail.ToName);

        // Registering later with that address does not bring the notification into the new inbox.
        var later = await app.CreateApiClientAsync("nobody.yet@example.org");
        Assert.Empty((await later.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox"))!);
    }

    [Fact]
    public async Task An_address_of_a_confirmed_account_is_written_to_that_account_and_reaches_its_inbox()
    {
        var eventId = await EventAsync("addr-owner");
        var owner = await app.CreateApiClientAsync("addr-owner@example.org");

        var id = await Outbox.EnqueueAsync(Closed("addr-test:owner", "ADDR-Owner@Example.org", eventId));

        var row = await app.RowAsync(id!.Value);
        Assert.Equal((await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync("addr-owner@example.org"))!.Id, row.UserId);
        Assert.True(row.InInbox);
        Assert.Equal("addr-owner@example.org", row.ToAddress);
        Assert.Contains((await owner.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox"))!, i => i.Id == id);
    }

    [Fact]
    public async Task An_unconfirmed_account_does_not_claim_mail_for_its_address()
    {
        var eventId = await EventAsync("addr-unconfirmed");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.CreateAsync(new AppUser { Email = "claimed@example.org", DisplayName = "Claimer" }, EventPlannerApp.Password)).Succeeded);
        }

        var id = await Outbox.EnqueueAsync(Closed("addr-test:unconfirmed", "claimed@example.org", eventId));

        var row = await app.RowAsync(id!.Value);
        Assert.Null(row.UserId);
        Assert.False(row.InInbox);
    }

    [Fact]
    public async Task An_optional_kind_needs_an_account_and_the_table_refuses_an_inbox_row_without_one()
    {
        var eventId = await EventAsync("addr-optional");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Outbox.EnqueueAsync(NotificationRequest.ForAddress("addr-test:optional",
            NotificationKinds.EventStartsTomorrow.Name, "optional@example.org", null, eventId,
            new Dictionary<string, string> { ["starts_on"] = "tomorrow", ["venue"] = "Hall A" })));

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => c.ExecuteAsync("""
            INSERT INTO notifications (dedupe_key, kind, user_id, to_address, to_name, payload, subject, body, message_id, in_inbox, state, next_attempt_at, created_at, updated_at)
            VALUES ('addr-test:check', 'transfer-closed', NULL, 'x@example.org', 'x', '{}', 's', 'b', 'addr-test-check@localhost', TRUE, 'pending', '2026-01-01', '2026-01-01', '2026-01-01')
            """));
        Assert.Contains("check", error.Message, StringComparison.OrdinalIgnoreCase); // SQLite: "CHECK constraint failed"; PostgreSQL: "violates check constraint"
    }

    [Fact]
    public async Task The_same_key_to_the_same_address_is_queued_once()
    {
        var eventId = await EventAsync("addr-dedupe");

        var first = await Outbox.EnqueueAsync(Closed("addr-test:dedupe", "twice@example.org", eventId));
        var again = await Outbox.EnqueueAsync(Closed("addr-test:dedupe", "twice@example.org", eventId));

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Single(await app.OutboxAsync("addr-test:dedupe"));
    }
}
