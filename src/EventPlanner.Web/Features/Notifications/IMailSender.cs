namespace EventPlanner.Web.Features.Notifications;

/// <summary>An email ready to go: plain text always, HTML when the sender has it.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>
/// The one door through which mail leaves the app. The embedded default writes .eml files to
/// db/mail-outbox/ so a fresh clone needs no mail server.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}
