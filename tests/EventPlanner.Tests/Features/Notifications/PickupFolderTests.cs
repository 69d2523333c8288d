using System.Net.Http.Json;
using EventPlanner.Web.Features.Notifications;
using MimeKit;

namespace EventPlanner.Tests.Features.Notifications;

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
        // The job ran from Hangfire's own SQLite file beside (not inside) the app database.
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "jobs.db")));
    }
}
