using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>Writes each mail as a readable .eml file; any mail client opens them.</summary>
public sealed class PickupFolderMailSender(DataPaths paths, IConfiguration configuration, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = MailComposer.Compose(mail, configuration, clock);
        Directory.CreateDirectory(paths.MailOutbox);
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(paths.MailOutbox, name + ".tmp");
        await using (var file = File.Create(temp))
        {
            await message.WriteToAsync(file, ct);
        }
        // Rename last, so a reader never sees half a message.
        File.Move(temp, Path.Combine(paths.MailOutbox, name));
    }
}
