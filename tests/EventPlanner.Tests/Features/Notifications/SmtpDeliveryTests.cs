using System.Net.Http.Json;
using EventPlanner.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EventPlanner.Tests.Features.Notifications;

public sealed class SmtpDeliveryTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task A_team_grant_sends_one_multipart_mail_over_smtp_with_the_notifications_message_id()
    {
        var admin = await app.CreateApiClientAsync("smtp-admin@example.org", admin: true);
        var (slug, eventId) = await app.CreateEventAsync(admin, "smtp-grant", "Linux Plumbers");
        await app.CreateUserAsync("smtp-member@example.org", "Siti Aminah");

        (await admin.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "smtp-member@example.org", role = "organiser" })).EnsureSuccessStatusCode();

        var row = Assert.Single(await app.OutboxAsync($"team-role-granted:{eventId}:"));
        await NotificationTestKit.WaitUntilAsync(() => app.Smtp.Messages.Any(m => m.To.Mailboxes.Any(a => a.Address == "smtp-member@example.org")), "the mail reaches the SMTP server");
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(row.Id)).State == NotificationStates.Sent, "the row is marked sent");

        var message = Assert.Single(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "smtp-member@example.org"));
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal("You are now on the Linux Plumbers team as organiser", message.Subject);
        Assert.Equal("eventplanner@localhost", message.From.Mailboxes.Single().Address);
        Assert.Equal("Siti Aminah", message.To.Mailboxes.Single().Name);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Null(message.Headers[HeaderId.ListUnsubscribe]); // transactional
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/plain");
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/html");
        Assert.Contains("Siti Aminah", message.TextBody);
        Assert.Contains("<strong>Linux Plumbers</strong>", message.HtmlBody);
    }

    [Fact]
    public async Task A_refusing_server_is_retried_with_backoff_then_the_row_is_failed_with_the_error()
    {
        var user = await app.CreateUserAsync("smtp-refused@example.org");
        app.Smtp.Refuse = true;
        try
        {
            var id = await app.QueueAsync(user.Id, "smtp-refused:1");
            var outbox = app.Services.GetRequiredService<Outbox>();
            var options = app.Services.GetRequiredService<NotificationOptions>();
            outbox.Kick();

            for (var attempt = 1; attempt < options.MaxAttempts; attempt++)
            {
                var expected = attempt;
                await NotificationTestKit.WaitUntilAsync(async () => await app.RowAsync(id) is { State: NotificationStates.Pending } r && r.Attempts == expected,
                    $"attempt {expected} fails and waits");
                var row = await app.RowAsync(id);
                Assert.Contains("Test server is refusing mail", row.LastError);
                // Not before the backoff: a kick now finds nothing due.
                Assert.Equal(app.Clock.GetUtcNow() + options.BackoffAfter(expected), row.NextAttemptAt);
                app.Clock.Advance(options.BackoffAfter(expected));
                outbox.Kick();
            }

            await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id)).State == NotificationStates.Failed, "the last attempt marks it failed");
            var failed = await app.RowAsync(id);
            Assert.Equal(options.MaxAttempts, failed.Attempts);
            Assert.Contains("4.3.2 Test server is refusing mail", failed.LastError);
            Assert.DoesNotContain(app.Smtp.Messages, m => m.MessageId == failed.MessageId);
        }
        finally
        {
            app.Smtp.Refuse = false;
        }
    }
}
