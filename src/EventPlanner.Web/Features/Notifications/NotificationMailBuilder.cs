using System.Net;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>Turns an outbox row into the email: the Markdown body as the text part and as sanitised HTML.</summary>
public sealed class NotificationMailBuilder(Markdown markdown, AppUrls urls, NotificationOptions options)
{
    public OutgoingMail Build(NotificationRow row)
    {
        var unsubscribe = row.UnsubscribeToken is { } token ? urls.Absolute($"/unsubscribe/{token}") : null;
        var text = TemplateText.ToPlainText(row.Body).TrimEnd();
        var html = markdown.ToSafeHtml(row.Body);
        var footerText = $"Sent by {options.SiteName}.";
        var footerHtml = WebUtility.HtmlEncode(footerText);
        if (unsubscribe is not null)
        {
            footerText += $" To stop these emails, open {unsubscribe}";
            footerHtml += $" <a href=\"{WebUtility.HtmlEncode(unsubscribe)}\">Unsubscribe from these emails</a>.";
        }
        return new OutgoingMail(row.ToAddress, row.ToName, row.Subject,
            $"{text}\n\n-- \n{footerText}\n",
            $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(row.Subject)}</title></head>
            <body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40em;">
            {html}
            <hr>
            <p style="font-size: small; color: #555;">{footerHtml}</p>
            </body></html>
            """)
        {
            MessageId = row.MessageId,
            UnsubscribeUrl = unsubscribe,
            Kind = row.Kind,
            Attachments = row.Attachments,
        };
    }
}
