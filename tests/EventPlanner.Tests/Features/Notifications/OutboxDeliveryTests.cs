using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OutboxDeliveryTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Adding_someone_to_the_team_queues_one_notification_and_delivers_it_once()
    {
        var admin = await app.CreateApiClientAsync("grant-admin@example.org", admin: true);
        var (slug, eventId) = await app.CreateEventAsync(admin, "grant-once");
        var member = await app.CreateUserAsync("grant-member@example.org", "Rui Tan");

        (await admin.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "grant-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();
        // The same grant again changes nothing and must not promise a second mail.
        (await admin.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "grant-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        var rows = await app.OutboxAsync($"team-role-granted:{eventId}:");
        var row = Assert.Single(rows);
        Assert.Equal($"team-role-granted:{eventId}:{member.Id}:reviewer", row.DedupeKey);
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(row.Id)).State == NotificationStates.Sent, "the grant mail is sent");

        var mail = Assert.Single(app.Mail.Sent, m => m.ToAddress == "grant-member@example.org");
        Assert.Equal("You are now on the FOSS Meetup team as reviewer", mail.Subject);
        Assert.Contains("Hello Rui Tan", mail.TextBody);
        Assert.Contains("http://localhost/events/grant-once", mail.TextBody);
        Assert.Contains("<strong>FOSS Meetup</strong>", mail.HtmlBody);
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Null(mail.UnsubscribeUrl); // transactional: always sent, no unsubscribe
    }

    [Fact]
    public async Task An_outbox_row_written_in_a_rolled_back_transaction_is_never_sent()
    {
        var user = await app.CreateUserAsync("rollback@example.org");
        var db = app.Services.GetRequiredService<Db>();
        var outbox = app.Services.GetRequiredService<Outbox>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (c, tx) =>
        {
            await outbox.EnqueueAsync(c, tx, new NotificationRequest("rollback:1", AccountNotificationKinds.AccountConfirm.Name, user.Id, null,
                new Dictionary<string, string> { ["link"] = "/x" }));
            throw new InvalidOperationException("the business change failed");
        }));
        outbox.Kick();

        Assert.Empty(await app.OutboxAsync("rollback:"));
    }

    [Fact]
    public async Task A_delivery_job_executed_twice_for_one_row_sends_once()
    {
        var user = await app.CreateUserAsync("twice@example.org");
        var id = await app.QueueAsync(user.Id, "twice:1");
        var delivery = app.Services.GetRequiredService<NotificationDelivery>();

        // Twice at the same moment (two workers picked the same job), then once more later (a retry of a finished job).
        var results = await Task.WhenAll(delivery.DeliverAsync(id, CancellationToken.None), delivery.DeliverAsync(id, CancellationToken.None));
        var again = await delivery.DeliverAsync(id, CancellationToken.None);

        // (The startup or minutely sweep may have sent it first; either way exactly one run may win.)
        Assert.True(results.Count(r => r) <= 1);
        Assert.False(again);
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id)).State == NotificationStates.Sent, "the row is sent");
        Assert.Single(app.Mail.Sent, m => m.ToAddress == "twice@example.org");
        Assert.Equal(1, (await app.RowAsync(id)).Attempts); // claimed once, ever
    }

    [Fact]
    public async Task Writing_the_same_dedupe_key_twice_keeps_one_row()
    {
        var user = await app.CreateUserAsync("dedupe@example.org");
        var outbox = app.Services.GetRequiredService<Outbox>();
        var request = new NotificationRequest("dedupe:1", AccountNotificationKinds.AccountConfirm.Name, user.Id, null, new Dictionary<string, string> { ["link"] = "/x" });

        var first = await outbox.EnqueueAsync(request, kick: false);
        var second = await outbox.EnqueueAsync(request, kick: false);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Single(await app.OutboxAsync("dedupe:"));
    }

    [Fact]
    public async Task Account_mails_go_through_the_outbox_and_keep_their_working_link()
    {
        var user = await app.CreateUserAsync("confirm-me@example.org", "Mei");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var fresh = await users.FindByIdAsync(user.Id.ToString());
            await scope.ServiceProvider.GetRequiredService<AccountMailer>().SendConfirmationAsync(fresh!);
        }

        // Sent while the person waits, not later by a job.
        var mail = app.Mail.LastTo("confirm-me@example.org");
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"http://localhost/account/confirm\?userId=(\d+)&token=(\S+)");
        Assert.True(link.Success, mail.TextBody);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var fresh = await users.FindByIdAsync(user.Id.ToString());
            var result = await users.ConfirmEmailAsync(fresh!, Uri.UnescapeDataString(link.Groups[2].Value));
            Assert.True(result.Succeeded);
        }

        var row = Assert.Single(await app.OutboxAsync($"account-confirm:{user.Id}:"));
        Assert.Equal(NotificationStates.Sent, row.State);
        Assert.False(row.InInbox);
        Assert.DoesNotContain("token", row.Body); // the one-time link does not linger in the database
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal("{}", await c.ExecuteScalarAsync<string>("SELECT payload FROM notifications WHERE id = @Id", new { row.Id }));
    }
}
