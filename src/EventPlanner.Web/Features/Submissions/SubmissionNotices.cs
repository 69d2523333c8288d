using System.Net;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Every mail the call for papers sends, from one place. They go out after the transaction has
/// committed, through <see cref="IMailSender"/>; when the notifications outbox lands, these methods
/// become outbox writes and nothing else in the feature changes. A mail that fails is logged: the
/// proposal is saved either way. (The draft reminder three days before the deadline belongs to the
/// notifications reminder jobs and is not sent from here.)
/// </summary>
public sealed class SubmissionNotices(ProposalStore proposals, IMailSender mail, AppUrls urls, ILogger<SubmissionNotices> logger)
{
    public async Task ProposalSubmittedAsync(EventRow e, long proposalId, CancellationToken ct = default)
    {
        if (await proposals.LoadDetailAsync(proposalId, ct) is not { } d) return;
        var link = urls.Absolute($"/events/{e.Slug}/proposals/{proposalId}");
        foreach (var s in d.Speakers)
        {
            await SendAsync(s.Email, s.Name, $"Proposal received: {d.Proposal.Title}",
                $"Hello {s.Name},\n\nWe received the proposal \"{d.Proposal.Title}\" for {e.Name}. " +
                $"You can follow it and, while the call for papers is open, edit it here:\n\n{link}\n\nThank you for submitting!", link, ct);
        }
    }

    public Task CoSpeakerInvitedAsync(EventRow e, ProposalRow p, string inviterName, string email, string token, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var link = urls.Absolute($"/invitations/co-speaker?token={Uri.EscapeDataString(token)}");
        return SendAsync(email, email, $"{inviterName} invites you to co-present \"{p.Title}\" at {e.Name}",
            $"Hello,\n\n{inviterName} has invited you to be a co-speaker on the proposal \"{p.Title}\" for {e.Name}. " +
            $"Open this link to accept or decline (you can create an account with this address if you have none):\n\n{link}\n\n" +
            $"The link works once, only for {email}, until {CfpTime.Describe(expiresAt, e.Zone)}.", link, ct);
    }

    public async Task EditedByOrganiserAsync(EventRow e, long proposalId, string organiserName, CancellationToken ct = default)
    {
        if (await proposals.LoadDetailAsync(proposalId, ct) is not { } d) return;
        var link = urls.Absolute($"/events/{e.Slug}/proposals/{proposalId}");
        foreach (var s in d.Speakers)
        {
            await SendAsync(s.Email, s.Name, $"The organisers edited your proposal: {d.Proposal.Title}",
                $"Hello {s.Name},\n\n{organiserName}, an organiser of {e.Name}, edited your proposal \"{d.Proposal.Title}\". " +
                $"Have a look at the current version here:\n\n{link}", link, ct);
        }
    }

    private async Task SendAsync(string to, string name, string subject, string text, string link, CancellationToken ct)
    {
        var encodedLink = WebUtility.HtmlEncode(link);
        var html = "<p>" + WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>").Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>") + "</p>";
        try
        {
            await mail.SendAsync(new OutgoingMail(to, name, subject, text, html), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not send '{Subject}' to {Address}", subject, to);
        }
    }
}
