using System.Net.Http.Json;
using EventPlanner.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using MimeKit;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
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
    public async Task Attachments_given_with_a_notification_are_stored_once_and_sent_as_mime_parts_over_smtp()
    {
        var admin = await app.CreateApiClientAsync("smtp-attach-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(admin, "smtp-attach", "FOSS.my");
        var user = await app.CreateUserAsync("smtp-attach@example.org", "Nurul");
        var outbox = app.Services.GetRequiredService<Outbox>();
        var calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var pdf = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0xff };
        NotificationRequest Request() => new("smtp-attach:1", EventNotificationKinds.TeamRoleGranted.Name, user.Id, eventId,
            new Dictionary<string, string> { ["role"] = "reviewer", ["granted_by"] = "Tests" })
        {
            Attachments = [new MailAttachment("sessions.ics", "text/calendar; charset=utf-8", calendar), new MailAttachment("map.pdf", "application/pdf", pdf)],
        };

        var id = await outbox.EnqueueAsync(Request());
        Assert.Null(await outbox.EnqueueAsync(Request())); // the same fact again: one row, and its files once

        await NotificationTestKit.WaitUntilAsync(() => app.Smtp.Messages.Any(m => m.To.Mailboxes.Any(a => a.Address == "smtp-attach@example.org")), "the mail reaches the SMTP server");
        var message = Assert.Single(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "smtp-attach@example.org"));
        var parts = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["sessions.ics", "map.pdf"], parts.Select(p => p.FileName));
        Assert.Equal("text/calendar", parts[0].ContentType.MimeType);
        Assert.Equal("utf-8", parts[0].ContentType.Charset);
        Assert.Equal(calendar, Content(parts[0]));
        Assert.Equal("application/pdf", parts[1].ContentType.MimeType);
        Assert.Equal(pdf, Content(parts[1]));
        Assert.Contains("Nurul", message.TextBody); // the text and HTML parts are still there
        Assert.NotNull(message.HtmlBody);
        await using var c = await app.Services.GetRequiredService<EventPlanner.Web.Data.Db>().OpenAsync();
        Assert.Equal(2, await Dapper.SqlMapper.ExecuteScalarAsync<int>(c, "SELECT COUNT(*) FROM notification_attachments WHERE notification_id = @id", new { id }));

        static byte[] Content(MimePart part)
        {
            using var bytes = new MemoryStream();
            part.Content!.DecodeTo(bytes);
            return bytes.ToArray();
        }
    }

    [Fact]
    public async Task A_refusing_server_is_retried_with_backoff_then_failed_with_the_error_shown_to_organisers_who_retry_it()
    {
        await app.CreateUserAsync("smtp-organiser@example.org", "Organiser", admin: true);
        var api = await app.CreateApiClientAsync("smtp-organiser@example.org");
        var (slug, eventId) = await app.CreateEventAsync(api, "smtp-refused", "Refused Conf");
        var user = await app.CreateUserAsync("smtp-refused@example.org");
        app.Smtp.Refuse = true;
        long id;
        try
        {
            id = await app.QueueAsync(user.Id, "smtp-refused:1", eventId);
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
                // Not before the backoff has passed.
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

        // The organiser sees the failure and its reason, and sends it again from the page.
        var organiser = await app.SignInAsync("smtp-organiser@example.org");
        var page = await organiser.GetStringAsync($"/events/{slug}/notifications");
        Assert.Contains("smtp-refused@example.org", page);
        Assert.Contains("4.3.2 Test server is refusing mail", page);
        var retry = await organiser.PostFormAsync($"/events/{slug}/notifications?handler=Retry", new() { ["id"] = id.ToString() }, getUrl: $"/events/{slug}/notifications");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, retry.StatusCode);

        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id)).State == NotificationStates.Sent, "the retried mail is sent");
        var sent = await app.RowAsync(id);
        Assert.Equal(1, app.Smtp.CountWithMessageId(sent.MessageId));
        Assert.Contains("No failed emails", await organiser.GetStringAsync($"/events/{slug}/notifications"));
    }

    [Fact]
    public async Task Only_organisers_of_the_event_see_its_delivery_page()
    {
        await app.CreateUserAsync("smtp-owner@example.org", admin: true);
        var api = await app.CreateApiClientAsync("smtp-owner@example.org");
        var (slug, _) = await app.CreateEventAsync(api, "smtp-private");
        await app.CreateUserAsync("smtp-reviewer@example.org");
        (await api.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "smtp-reviewer@example.org", role = "reviewer" })).EnsureSuccessStatusCode();
        var reviewer = await app.SignInAsync("smtp-reviewer@example.org");

        var response = await reviewer.GetAsync($"/events/{slug}/notifications");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_optional_kind_carries_working_one_click_unsubscribe_headers()
    {
        var api = await app.CreateApiClientAsync("smtp-optional-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(api, "smtp-optional");
        var user = await app.CreateUserAsync("smtp-optional@example.org");
        var id = await app.Services.GetRequiredService<Outbox>().EnqueueAsync(new NotificationRequest("smtp-optional:1",
            NotificationKinds.EventStartsTomorrow.Name, user.Id, eventId, new Dictionary<string, string> { ["starts_on"] = "Saturday", ["venue"] = "Hall A" }));

        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id!.Value)).State == NotificationStates.Sent, "the reminder is sent");
        var message = Assert.Single(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "smtp-optional@example.org"));

        var header = message.Headers[HeaderId.ListUnsubscribe];
        Assert.Matches("^<http://localhost/unsubscribe/[A-Za-z0-9_-]{40,}>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var response = await app.CreateClient().PostAsync(header!.Trim('<', '>'),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
