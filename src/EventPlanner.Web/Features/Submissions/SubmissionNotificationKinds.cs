using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// What the call for papers tells speakers and co-speakers. Registered in <c>AddSubmissions()</c>.
/// </summary>
public static class SubmissionNotificationKinds
{
    public static readonly NotificationKind ProposalSubmitted = new()
    {
        Name = "proposal-submitted",
        Label = "Proposal received",
        Placeholders = ["title", "proposal_link"],
        SampleValues = new Dictionary<string, string> { ["title"] = "Packaging Rust crates for Debian", ["proposal_link"] = "https://example.org/events/fossmy-2026/proposals/12" },
        Subject = "Proposal received: {title}",
        Body = """
            Hello {recipient_name},

            Thank you for proposing **{title}** to {event_name}! It has reached the organisers.

            You can follow it here and, while the call for papers is open, keep improving it:

            {proposal_link}

            You will hear from us again once the programme committee has made its decisions.
            """,
    };

    /// <summary>Carries the invitation's one-time link, which the database otherwise keeps only as a hash: wiped once sent.</summary>
    public static readonly NotificationKind CoSpeakerInvited = new()
    {
        Name = "cospeaker-invited",
        Label = "Invitation to co-present a proposal",
        ScrubAfterSend = true,
        Placeholders = ["inviter_name", "title", "invitation_link", "invited_address", "expires_at"],
        SampleValues = new Dictionary<string, string>
        {
            ["inviter_name"] = "Mei Lin Ong", ["title"] = "HTMX instead of a SPA", ["invitation_link"] = "https://example.org/invitations/co-speaker?token=sample",
            ["invited_address"] = "arjun@example.org", ["expires_at"] = "Monday 7 December 2026, 09:00 (Asia/Kuala_Lumpur)",
        },
        Subject = "{inviter_name} invites you to co-present \"{title}\" at {event_name}",
        Body = """
            Hello,

            {inviter_name} would love to present **{title}** at {event_name} together with you, and has invited you as a co-speaker.

            Open this link to accept or decline (no account yet? You can create one with this address on the way):

            {invitation_link}

            The link works once, only for {invited_address}, until {expires_at}.
            """,
    };

    public static readonly NotificationKind ProposalEditedByOrganiser = new()
    {
        Name = "proposal-edited-by-organiser",
        Label = "An organiser edited your proposal",
        Placeholders = ["title", "organiser_name", "proposal_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust crates for Debian", ["organiser_name"] = "Ana Lee", ["proposal_link"] = "https://example.org/events/fossmy-2026/proposals/12",
        },
        Subject = "The organisers edited your proposal: {title}",
        Body = """
            Hello {recipient_name},

            {organiser_name}, one of the organisers of {event_name}, made some changes to your proposal **{title}**.

            Have a look at the current version (the page shows what changed):

            {proposal_link}

            If something does not look right, just let the organisers know.
            """,
    };

    public static readonly NotificationKind CfpClosingReminder = new()
    {
        Name = "reminder-cfp-closing",
        Label = "Reminder: your draft proposal is not submitted yet",
        Transactional = false,
        Placeholders = ["closes_at", "drafts", "proposals_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["closes_at"] = "Monday 30 November 2026, 23:59 (Asia/Kuala_Lumpur)", ["drafts"] = "“Lightning: my dotfiles”",
            ["proposals_link"] = "https://example.org/events/fossmy-2026/proposals/mine",
        },
        Subject = "{event_name}: your draft proposal is not submitted yet",
        Body = """
            Hello {recipient_name},

            The call for papers of **{event_name}** closes on {closes_at}. Still in draft, and so not yet seen by the organisers: {drafts}.

            If you would like the organisers to consider a draft, finish it and press "Submit" before the deadline:

            {proposals_link}

            If you have decided not to submit, there is nothing to do. Good luck!
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [ProposalSubmitted, CoSpeakerInvited, ProposalEditedByOrganiser, CfpClosingReminder];
}
