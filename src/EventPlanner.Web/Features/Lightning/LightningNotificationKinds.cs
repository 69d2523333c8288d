using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// What lightning talks tell people: a waitlisted speaker that a slot is theirs if they confirm in time, that the
/// offer lapsed, that organisers moved their talk to another session, and (from the run sheet) that they are next.
/// </summary>
public static class LightningNotificationKinds
{
    public static readonly NotificationKind SlotOffered = new()
    {
        Name = "lightning-slot-offered",
        Label = "Lightning talks: a slot came free for a waitlisted speaker",
        Placeholders = ["session_title", "talk_title", "starts_at", "confirm_by", "confirm_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["session_title"] = "Lightning talks, day 1", ["talk_title"] = "Five things I learnt packaging for NixOS",
            ["starts_at"] = "Sat 9 Jan 16:00 (Asia/Kuala_Lumpur)", ["confirm_by"] = "Fri 8 Jan 18:00 (Asia/Kuala_Lumpur)",
            ["confirm_link"] = "https://example.org/events/fossmy-2026/lightning/42",
        },
        Subject = "A lightning talk slot is yours if you confirm by {confirm_by}",
        Body = """
            Hello {recipient_name},

            Someone withdrew from **{session_title}** at {event_name} ({starts_at}), and you were first on the waitlist with "{talk_title}".

            The slot is held for you until {confirm_by}. Confirm it here:

            {confirm_link}

            If you do not confirm by then, it goes to the next person waiting. If you cannot make it, withdraw on the same page so they hear sooner.
            """,
    };

    public static readonly NotificationKind OfferLapsed = new()
    {
        Name = "lightning-offer-lapsed",
        Label = "Lightning talks: an offered slot was not confirmed in time",
        Placeholders = ["session_title", "talk_title", "session_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["session_title"] = "Lightning talks, day 1", ["talk_title"] = "Five things I learnt packaging for NixOS",
            ["session_link"] = "https://example.org/events/fossmy-2026/lightning/42",
        },
        Subject = "Your lightning talk slot at {event_name} went to the next person",
        Body = """
            Hello {recipient_name},

            A slot in **{session_title}** was held for "{talk_title}", but it was not confirmed in time, so it passed to the next person on the waitlist.

            You can sign up again (at the end of the queue) while sign-up is open: {session_link}
            """,
    };

    public static readonly NotificationKind TalkMoved = new()
    {
        Name = "lightning-talk-moved",
        Label = "Lightning talks: organisers moved a talk to another session",
        Placeholders = ["talk_title", "from_session", "to_session", "starts_at", "session_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["talk_title"] = "Five things I learnt packaging for NixOS", ["from_session"] = "Lightning talks, day 1", ["to_session"] = "Lightning talks, day 2",
            ["starts_at"] = "Sun 10 Jan 16:00 (Asia/Kuala_Lumpur)", ["session_link"] = "https://example.org/events/fossmy-2026/lightning/43",
        },
        Subject = "Your lightning talk at {event_name} moved to {to_session}",
        Body = """
            Hello {recipient_name},

            The organisers moved "{talk_title}" from {from_session} to **{to_session}**, which starts {starts_at}.

            Your place: {session_link}
            """,
    };

    public static readonly NotificationKind NextUp = new()
    {
        Name = "lightning-next-up",
        Label = "Lightning talks: the MC calls the next speaker",
        Placeholders = ["session_title", "talk_title", "room"],
        SampleValues = new Dictionary<string, string>
        {
            ["session_title"] = "Lightning talks, day 1", ["talk_title"] = "Five things I learnt packaging for NixOS", ["room"] = "Main Hall",
        },
        Subject = "You are next: {talk_title}",
        Body = """
            Hello {recipient_name},

            You are next in **{session_title}** ({room}). Please come to the side of the stage now, with your slides ready.
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [SlotOffered, OfferLapsed, TalkMoved, NextUp];
}
