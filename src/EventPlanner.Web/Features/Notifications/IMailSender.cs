using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>An email ready to go: plain text always, HTML when the sender has it.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody = null)
{
    /// <summary>
    /// The notification's own Message-Id (without angle brackets), the same on every attempt, so a
    /// copy sent twice after a crash is recognisable as one message. Null: the sender makes one up.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>For optional kinds: the one-click unsubscribe address (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>Which notification kind this is, for logs and tests.</summary>
    public string? Kind { get; init; }

    /// <summary>Files sent with the mail (a speaker's sessions as an .ics); none for most kinds.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// The one door through which mail leaves the app. The embedded default writes .eml files to
/// db/mail-outbox/ so a fresh clone needs no mail server; with EventPlanner:Mail:Smtp:Host set,
/// mail goes out over SMTP (MailKit).
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}
