using MimeKit;
using MimeKit.Utils;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>Builds the MIME message every sender writes: multipart text + HTML (+ attachments), stable Message-Id, unsubscribe headers.</summary>
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
        message.MessageId = mail.MessageId ?? MimeUtils.GenerateMessageId(fromAddress.Split('@').LastOrDefault() ?? "localhost");
        // Tells mail servers and vacation responders that no person typed this (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var file in mail.Attachments)
        {
            // Base64 whatever the type: a text part would have its CRLFs rewritten to the writer's newline
            // (LF in .eml files on Linux), and iCalendar needs CRLF. The file arrives byte for byte.
            var part = (MimePart)body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
