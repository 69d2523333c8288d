using EventPlanner.Web.Data;
using MimeKit;

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

public static class MailComposer
{
    public static MimeMessage Compose(OutgoingMail mail, IConfiguration configuration, TimeProvider clock)
    {
        var fromAddress = configuration["EventPlanner:Mail:FromAddress"] ?? "eventplanner@localhost";
        var fromName = configuration["EventPlanner:Mail:FromName"] ?? "EventPlanner";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = clock.GetUtcNow();
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(fromAddress.Split('@').LastOrDefault() ?? "localhost");
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
