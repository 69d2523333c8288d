namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// What one kind of notification is: its built-in wording, the placeholders it may use, and how it
/// travels. Transactional kinds (account, ticket, transfer, decisions) are always emailed; optional
/// kinds (reminders, digests, bulk mail) carry a one-click unsubscribe. Held kinds wait for an
/// organiser to release them.
/// </summary>
public sealed record NotificationKind
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>Placeholders the writer supplies, besides the common ones every kind gets.</summary>
    public IReadOnlyList<string> Placeholders { get; init; } = [];

    /// <summary>Values for a preview when no real notification of this kind exists yet.</summary>
    public IReadOnlyDictionary<string, string> SampleValues { get; init; } = new Dictionary<string, string>();

    public bool Transactional { get; init; } = true;

    /// <summary>Written as 'held'; an organiser reviews and releases it.</summary>
    public bool HeldForRelease { get; init; }

    /// <summary>About one event, so organisers may override the wording for their event.</summary>
    public bool EventScoped { get; init; } = true;

    /// <summary>Organisers may replace the built-in wording for their event.</summary>
    public bool Overridable { get; init; } = true;

    /// <summary>
    /// False for mails carrying a one-time secret (password reset): a link in the inbox would let
    /// whoever holds a session change the password without knowing it.
    /// </summary>
    public bool InInbox { get; init; } = true;

    /// <summary>Once sent, the body and payload are wiped so the secret does not linger in the database.</summary>
    public bool ScrubAfterSend { get; init; }

    public IEnumerable<string> AllPlaceholders => (EventScoped ? CommonEventPlaceholders : CommonPlaceholders).Concat(Placeholders);

    public static readonly string[] CommonPlaceholders = ["recipient_name", "site_name"];
    public static readonly string[] CommonEventPlaceholders = ["recipient_name", "site_name", "event_name", "event_link"];
}

/// <summary>
/// The registry of kinds. A feature that notifies adds its kinds here (one entry, with wording a
/// volunteer would be happy to receive) and writes rows through <see cref="Outbox"/>.
/// </summary>
public static class NotificationKinds
{
    public static readonly NotificationKind AccountConfirm = new()
    {
        Name = "account-confirm",
        Label = "Confirm your account",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Confirm your {site_name} account",
        Body = """
            Hello {recipient_name},

            Please confirm your email address by opening this link:

            {link}

            If you did not register, ignore this message.
            """,
    };

    public static readonly NotificationKind PasswordReset = new()
    {
        Name = "password-reset",
        Label = "Reset your password",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Reset your {site_name} password",
        Body = """
            Hello {recipient_name},

            Someone (hopefully you) asked to reset your password. Open this link to choose a new one:

            {link}

            The link works for 24 hours. If you did not ask, ignore this message.
            """,
    };

    public static readonly NotificationKind TeamRoleGranted = new()
    {
        Name = "team-role-granted",
        Label = "Added to the event team",
        Placeholders = ["role", "granted_by"],
        SampleValues = new Dictionary<string, string> { ["role"] = "reviewer", ["granted_by"] = "Ana Lee" },
        Subject = "You are now on the {event_name} team as {role}",
        Body = """
            Hello {recipient_name},

            {granted_by} added you to the team of **{event_name}** as a {role}.

            The event's page: {event_link}
            """,
    };

    public static readonly NotificationKind EventStartsTomorrow = new()
    {
        Name = "reminder-event-starts-tomorrow",
        Label = "Reminder: the event starts tomorrow",
        Transactional = false,
        Placeholders = ["starts_on", "venue"],
        SampleValues = new Dictionary<string, string> { ["starts_on"] = "Saturday 5 December 2026", ["venue"] = "Menara Example, Kuala Lumpur" },
        Subject = "{event_name} starts tomorrow",
        Body = """
            Hello {recipient_name},

            **{event_name}** starts tomorrow, {starts_on}, at {venue}. Thank you for being part of the team.

            {event_link}
            """,
    };

    // ---- Call for papers (Submissions) ----

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

    // ---- Tickets ----

    // Kinds whose link is a bearer secret (a ticket, a transfer token) are wiped once sent: the ticket
    // stays under "My tickets", and no template preview or stale row shows the secret to anyone else.

    /// <summary>One per ticket, so a buyer can pass each on to its attendee.</summary>
    public static readonly NotificationKind TicketConfirmed = new()
    {
        Name = "ticket-confirmed",
        Label = "Your ticket",
        ScrubAfterSend = true,
        Placeholders = ["ticket_type", "attendee", "ticket_link"],
        SampleValues = new Dictionary<string, string> { ["ticket_type"] = "Community", ["attendee"] = "Ana Lee", ["ticket_link"] = "https://example.org/tickets/tk_sample" },
        Subject = "Your ticket for {event_name} ({attendee})",
        Body = """
            Hello {recipient_name},

            You are registered for **{event_name}**: see you there! Here is the {ticket_type} ticket for {attendee}, with the QR code to show at the door:

            {ticket_link}

            Keep the link to yourself (or give it to {attendee}): whoever has it can show the ticket. You find all your tickets under "My tickets" too.
            """,
    };

    public static readonly NotificationKind RegistrationPending = new()
    {
        Name = "registration-pending",
        Label = "Registration received",
        Placeholders = ["ticket_type", "waiting_for", "my_tickets_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["ticket_type"] = "Supporter", ["waiting_for"] = "your payment (the organisers will mark it paid)", ["my_tickets_link"] = "https://example.org/my/tickets",
        },
        Subject = "Registration received for {event_name}",
        Body = """
            Hello {recipient_name},

            Thank you for registering for **{event_name}** ({ticket_type}). Your registration is waiting for {waiting_for}; we will write again as soon as your ticket is confirmed.

            Your tickets: {my_tickets_link}
            """,
    };

    public static readonly NotificationKind RegistrationRefused = new()
    {
        Name = "registration-refused",
        Label = "Registration not accepted",
        Placeholders = ["ticket_type"],
        SampleValues = new Dictionary<string, string> { ["ticket_type"] = "Student" },
        Subject = "Registration not accepted for {event_name}",
        Body = """
            Hello {recipient_name},

            We are sorry: the organisers of **{event_name}** could not accept your registration ({ticket_type}). Other ticket types may still be open on the event's page:

            {event_link}
            """,
    };

    public static readonly NotificationKind WaitingListOffer = new()
    {
        Name = "waiting-list-offer",
        Label = "A ticket came free for you",
        Placeholders = ["ticket_type", "expires_at", "register_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["ticket_type"] = "Community", ["expires_at"] = "Friday 27 November 2026, 09:00 (Asia/Kuala_Lumpur)", ["register_link"] = "https://example.org/events/fossmy-2026/tickets",
        },
        Subject = "A ticket for {event_name} is free for you",
        Body = """
            Hello {recipient_name},

            Good news: a {ticket_type} ticket for **{event_name}** came free, and you are first on the waiting list. It is held for you until {expires_at}; register here to take it:

            {register_link}

            If you cannot come after all, no need to answer: once the time is up, the place passes to the next person waiting.
            """,
    };

    /// <summary>May go to an address without an account; the link lets the recipient accept the ticket.</summary>
    public static readonly NotificationKind TransferOffered = new()
    {
        Name = "transfer-offered",
        Label = "A ticket offered to you",
        ScrubAfterSend = true,
        Placeholders = ["from_name", "ticket_type", "holder_note", "accept_link", "expires_at"],
        SampleValues = new Dictionary<string, string>
        {
            ["from_name"] = "Ana Lee", ["ticket_type"] = "Community", ["holder_note"] = "Ana Lee wrote: “I can't make it, enjoy the talks!”",
            ["accept_link"] = "https://example.org/transfers/tr_sample", ["expires_at"] = "Wednesday 2 December 2026, 09:00 (Asia/Kuala_Lumpur)",
        },
        Subject = "{from_name} offers you a ticket for {event_name}",
        Body = """
            Hello {recipient_name},

            {from_name} would like to give you their {ticket_type} ticket for **{event_name}**.

            {holder_note}

            To take it, sign in (or create an account), answer a few questions for your badge and accept it here before {expires_at}:

            {accept_link}

            If you cannot come, you can decline on the same page, so {from_name} can offer it to someone else.
            """,
    };

    public static readonly NotificationKind TransferOfferSent = new()
    {
        Name = "transfer-offer-sent",
        Label = "You offered your ticket",
        Placeholders = ["to_name", "expires_at"],
        SampleValues = new Dictionary<string, string> { ["to_name"] = "Bo Tan", ["expires_at"] = "Wednesday 2 December 2026, 09:00 (Asia/Kuala_Lumpur)" },
        Subject = "You offered your ticket for {event_name}",
        Body = """
            Hello {recipient_name},

            You offered your ticket for **{event_name}** to {to_name}. It stays yours until they accept; the offer lapses on {expires_at}. Meanwhile you can cancel it from your ticket page.

            Thank you for passing it on rather than leaving a seat empty.
            """,
    };

    public static readonly NotificationKind TicketHandedOver = new()
    {
        Name = "ticket-handed-over",
        Label = "Your ticket was accepted",
        Placeholders = ["new_holder"],
        SampleValues = new Dictionary<string, string> { ["new_holder"] = "Bo Tan" },
        Subject = "{new_holder} accepted your ticket for {event_name}",
        Body = """
            Hello {recipient_name},

            {new_holder} accepted your ticket for **{event_name}**. The ticket is theirs now, and your old ticket link and QR code no longer work.

            Thank you for passing it on!
            """,
    };

    public static readonly NotificationKind TicketReceived = new()
    {
        Name = "ticket-received",
        Label = "A ticket handed on to you",
        ScrubAfterSend = true,
        Placeholders = ["from_name", "ticket_type", "ticket_link"],
        SampleValues = new Dictionary<string, string> { ["from_name"] = "Ana Lee", ["ticket_type"] = "Community", ["ticket_link"] = "https://example.org/tickets/tk_sample" },
        Subject = "Your ticket for {event_name}",
        Body = """
            Hello {recipient_name},

            The {ticket_type} ticket for **{event_name}** from {from_name} is yours now: see you there! Your ticket, with the QR code to show at the door:

            {ticket_link}

            Keep the link to yourself: whoever has it can show the ticket.
            """,
    };

    public static readonly NotificationKind TransferAwaitingApproval = new()
    {
        Name = "transfer-awaiting-approval",
        Label = "Ticket transfer waits for the organisers",
        Subject = "Ticket transfer for {event_name} waits for the organisers",
        Body = """
            Hello {recipient_name},

            The ticket transfer for **{event_name}** has been accepted and now waits for an organiser's approval. We will write again as soon as they decide.
            """,
    };

    public static readonly NotificationKind TransferClosed = new()
    {
        Name = "transfer-closed",
        Label = "Ticket transfer ended",
        Placeholders = ["outcome"],
        SampleValues = new Dictionary<string, string> { ["outcome"] = "declined by the recipient" },
        Subject = "Ticket transfer for {event_name}: {outcome}",
        Body = """
            Hello {recipient_name},

            The ticket transfer for **{event_name}** has ended: {outcome}. The ticket did not change hands.
            """,
    };

    public static readonly NotificationKind BoardRequestChosen = new()
    {
        Name = "board-request-chosen",
        Label = "You were chosen for a ticket",
        ScrubAfterSend = true,
        Placeholders = ["holder_name", "accept_link", "expires_at"],
        SampleValues = new Dictionary<string, string>
        {
            ["holder_name"] = "Ana Lee", ["accept_link"] = "https://example.org/transfers/tr_sample", ["expires_at"] = "Wednesday 2 December 2026, 09:00 (Asia/Kuala_Lumpur)",
        },
        Subject = "{holder_name} chose you for a ticket to {event_name}",
        Body = """
            Hello {recipient_name},

            Good news: {holder_name} chose your request for their ticket to **{event_name}**. Answer a few questions for your badge and accept it here before {expires_at}:

            {accept_link}

            If you cannot come after all, decline on the same page so the ticket goes back on the board.
            """,
    };

    public static readonly NotificationKind BoardOfferGone = new()
    {
        Name = "board-offer-gone",
        Label = "The ticket you asked for has gone",
        Subject = "The ticket you asked for ({event_name}) has gone",
        Body = """
            Hello {recipient_name},

            The ticket you asked for on the **{event_name}** board has gone to someone else or was withdrawn. Thank you for asking; keep an eye on the board for other offers:

            {event_link}
            """,
    };

    /// <summary>
    /// Transactional although a reminder: it is about one offer made to this person, like the offer
    /// itself, and it may go to an address without an account, where there is nothing to unsubscribe.
    /// </summary>
    public static readonly NotificationKind TransferExpiringReminder = new()
    {
        Name = "reminder-transfer-expiring",
        Label = "Reminder: a ticket offer to you lapses soon",
        ScrubAfterSend = true,
        Placeholders = ["from_name", "accept_link", "expires_at"],
        SampleValues = new Dictionary<string, string>
        {
            ["from_name"] = "Ana Lee", ["accept_link"] = "https://example.org/transfers/tr_sample", ["expires_at"] = "Wednesday 2 December 2026, 09:00 (Asia/Kuala_Lumpur)",
        },
        Subject = "Reminder: {from_name}'s ticket for {event_name} is still waiting for you",
        Body = """
            Hello {recipient_name},

            A quick reminder: the ticket for **{event_name}** that {from_name} offered you is still waiting, until {expires_at}. Accept it (or decline it, so it can go to someone else) here:

            {accept_link}
            """,
    };

    public static readonly NotificationKind TransferExpiringHolderReminder = new()
    {
        Name = "reminder-transfer-expiring-holder",
        Label = "Reminder: your ticket offer has not been accepted yet",
        Transactional = false,
        Placeholders = ["to_name", "expires_at", "my_tickets_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["to_name"] = "Bo Tan", ["expires_at"] = "Wednesday 2 December 2026, 09:00 (Asia/Kuala_Lumpur)", ["my_tickets_link"] = "https://example.org/my/tickets",
        },
        Subject = "{to_name} has not accepted your ticket for {event_name} yet",
        Body = """
            Hello {recipient_name},

            {to_name} has not accepted the ticket for **{event_name}** you offered them yet; the offer lapses on {expires_at}, and then the ticket stays yours. A friendly nudge may help.

            If you cannot come either way, you can cancel the offer and hand the ticket back from your tickets, so it goes to the waiting list:

            {my_tickets_link}
            """,
    };

    /// <summary>Bulk mail: each message brings its own wording (NotificationRequest.Wording), so there is nothing to override.</summary>
    public static readonly NotificationKind Bulk = new()
    {
        Name = "bulk",
        Label = "Message from the organisers",
        Transactional = false,
        HeldForRelease = true,
        Overridable = false,
        Subject = "A message from the organisers of {event_name}",
        Body = "",
    };

    // ---- Reviews: decision mails (held until the organisers release the decisions) and review notices ----

    public static readonly NotificationKind DecisionAccepted = new()
    {
        Name = "decision-accepted",
        Label = "Decision: proposal accepted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "confirm_link", "confirm_days", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1",
            ["confirm_link"] = "https://example.org/events/x/proposals/1/confirm?token=sample", ["confirm_days"] = "14", ["reviewer_notes"] = "",
        },
        Subject = "Accepted: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Good news: your proposal **{title}** has been accepted for {event_name}.

            Please confirm that you will give it (or decline, if you can no longer come) within {confirm_days} days:

            {confirm_link}

            If we do not hear from you by then, we will offer the slot to another speaker.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionShortlisted = new()
    {
        Name = "decision-shortlisted",
        Label = "Decision: proposal shortlisted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "Shortlisted: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** is on the shortlist for {event_name}. The committee takes its final decisions soon; we will write again.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionWaitlisted = new()
    {
        Name = "decision-waitlisted",
        Label = "Decision: proposal on the waiting list",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "On the waiting list: {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** did not get a slot at {event_name} yet, but it is on our waiting list: if an accepted speaker
            cannot come, we offer their slot to the waiting list in order. We will write at once if that happens.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    public static readonly NotificationKind DecisionRejected = new()
    {
        Name = "decision-rejected",
        Label = "Decision: proposal not accepted",
        HeldForRelease = true,
        Placeholders = ["title", "proposal_link", "reviewer_notes"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["proposal_link"] = "https://example.org/events/x/proposals/1", ["reviewer_notes"] = "",
        },
        Subject = "About your proposal {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Thank you for proposing **{title}** for {event_name}. We had many more good proposals than slots, and this one
            did not make it this time. We hope to see you at the event, and to read your next proposal.

            {reviewer_notes}

            Your proposal: {proposal_link}
            """,
    };

    /// <summary>To a reviewer: a proposal they reviewed has changed. The title is as the reviewer sees it (names scrubbed in anonymous phases).</summary>
    public static readonly NotificationKind ReviewStale = new()
    {
        Name = "review-stale",
        Label = "A proposal you reviewed has changed",
        Transactional = false,
        Placeholders = ["title", "review_link"],
        SampleValues = new Dictionary<string, string> { ["title"] = "Packaging Rust for Debian", ["review_link"] = "https://example.org/events/x/review/1" },
        Subject = "Changed since your review: {title}",
        Body = """
            Hello {recipient_name},

            The proposal **{title}** for {event_name} was changed after you reviewed it. Have another look, and update your review if it changes your view:

            {review_link}
            """,
    };

    public static readonly NotificationKind ConfirmReminder = new()
    {
        Name = "reminder-confirm-talk",
        Label = "Reminder: confirm your accepted talk",
        Placeholders = ["title", "confirm_link", "confirm_by"],
        SampleValues = new Dictionary<string, string>
        {
            ["title"] = "Packaging Rust for Debian", ["confirm_link"] = "https://example.org/events/x/proposals/1/confirm", ["confirm_by"] = "Friday 4 December 2026, 18:00",
        },
        Subject = "Please confirm your talk {title} at {event_name}",
        Body = """
            Hello {recipient_name},

            Your proposal **{title}** was accepted for {event_name}, and we have not heard from you yet. Please confirm or decline by {confirm_by}:

            {confirm_link}

            If we do not hear from you by then, we will offer the slot to another speaker.
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } =
    [
        AccountConfirm, PasswordReset, TeamRoleGranted, EventStartsTomorrow,
        ProposalSubmitted, CoSpeakerInvited, ProposalEditedByOrganiser, CfpClosingReminder,
        TicketConfirmed, RegistrationPending, RegistrationRefused, WaitingListOffer, TransferOffered, TransferOfferSent, TicketHandedOver,
        TicketReceived, TransferAwaitingApproval, TransferClosed, BoardRequestChosen, BoardOfferGone, TransferExpiringReminder, TransferExpiringHolderReminder,
        Bulk,
        DecisionAccepted, DecisionShortlisted, DecisionWaitlisted, DecisionRejected, ReviewStale, ConfirmReminder,
        .. Schedule.ScheduleNotificationKinds.All,
        .. Community.CommunityNotificationKinds.All,
        .. Bofs.BofNotificationKinds.All,
        .. Lightning.LightningNotificationKinds.All,
    ];

    private static readonly Dictionary<string, NotificationKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static NotificationKind? Find(string name) => ByName.GetValueOrDefault(name);

    public static NotificationKind Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"Unknown notification kind '{name}': add it to NotificationKinds.All.");
}
