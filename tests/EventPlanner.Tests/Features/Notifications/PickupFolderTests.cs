using System.Net.Http.Json;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PickupFolderTests(PickupFolderApp app) : IClassFixture<PickupFolderApp>
{
    [Fact]
    public async Task Without_an_smtp_host_a_notification_is_written_as_a_readable_eml_file()
    {
        var admin = await app.CreateApiClientAsync("pickup-admin@example.org", admin: true);
        var (slug, eventId) = await app.CreateEventAsync(admin, "pickup", "FOSS.my");
        await app.CreateUserAsync("pickup-member@example.org", "Arun");

        (await admin.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "pickup-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        var folder = Path.Combine(app.DataDirectory, "mail-outbox");
        await NotificationTestKit.WaitUntilAsync(() => Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length == 1, "an .eml file appears");
        var row = Assert.Single(await app.OutboxAsync($"team-role-granted:{eventId}:"));
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(row.Id)).State == NotificationStates.Sent, "the row is marked sent");

        var message = await MimeMessage.LoadAsync(Directory.GetFiles(folder, "*.eml").Single());
        Assert.Equal("You are now on the FOSS.my team as reviewer", message.Subject);
        Assert.Equal("pickup-member@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Contains("Hello Arun", message.TextBody);
        Assert.Contains("http://localhost/events/pickup", message.HtmlBody);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        // The job ran from Hangfire's own SQLite file beside (not inside) the app database; on PostgreSQL the jobs live
        // in the database's hangfire schema, shared by every node, and no jobs file is made.
        Assert.Equal(!TestPostgres.HostsRunOnPostgres, File.Exists(Path.Combine(app.DataDirectory, "jobs.db")));
    }
}

// Its own fixture (and so its own mail folder): the test above counts the .eml files it finds.
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PickupFolderAttachmentTests(PickupFolderApp app) : IClassFixture<PickupFolderApp>
{
    [Fact]
    public async Task An_attachment_is_written_into_the_eml_file_and_a_plain_notification_has_none()
    {
        var admin = await app.CreateApiClientAsync("pickup-attach-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(admin, "pickup-attach", "FOSS.my");
        var withFile = await app.CreateUserAsync("pickup-attach@example.org", "Kenji");
        var without = await app.CreateUserAsync("pickup-plain@example.org", "Jason");
        var outbox = app.Services.GetRequiredService<Outbox>();
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var values = new Dictionary<string, string> { ["role"] = "reviewer", ["granted_by"] = "Tests" };
        var attached = await outbox.EnqueueAsync(new NotificationRequest("pickup-attach:1", EventNotificationKinds.TeamRoleGranted.Name, withFile.Id, eventId, values)
        {
            Attachments = [new MailAttachment("sessions.ics", "text/calendar; charset=utf-8", ics)],
        });
        var plain = await outbox.EnqueueAsync(new NotificationRequest("pickup-attach:2", EventNotificationKinds.TeamRoleGranted.Name, without.Id, eventId, values));

        foreach (var id in new[] { attached!.Value, plain!.Value })
        {
            await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(id)).State == NotificationStates.Sent, $"notification {id} is sent");
        }
        var folder = Path.Combine(app.DataDirectory, "mail-outbox");
        var messages = await Task.WhenAll(Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.LoadAsync(f)));
        var toKenji = messages.Single(m => m.To.Mailboxes.Single().Address == "pickup-attach@example.org");
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(toKenji.Attachments));
        Assert.Equal("sessions.ics", part.FileName);
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        Assert.Equal(ics, bytes.ToArray());
        Assert.Contains("Hello Kenji", toKenji.TextBody);
        Assert.Empty(messages.Single(m => m.To.Mailboxes.Single().Address == "pickup-plain@example.org").Attachments);
    }
}
