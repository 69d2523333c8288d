using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// What Tickets tells buyers, attendees and both sides of a transfer. Registered in <c>AddTickets()</c>.
/// </summary>
public static class TicketNotificationKinds
{
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

    public static IReadOnlyList<NotificationKind> All { get; } = [TicketConfirmed, RegistrationPending, RegistrationRefused, WaitingListOffer, TransferOffered, TransferOfferSent, TicketHandedOver, TicketReceived, TransferAwaitingApproval, TransferClosed, BoardRequestChosen, BoardOfferGone, TransferExpiringReminder, TransferExpiringHolderReminder];
}
