using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// What social events tell invitees: the invitation with their personal RSVP link, a place freed for someone on the
/// waiting list, and the reminder the day before. All transactional: invitees may have no account to unsubscribe with,
/// and each mail carries their own link.
/// </summary>
public static class SocialNotificationKinds
{
    private static readonly Dictionary<string, string> Sample = new()
    {
        ["social_title"] = "Speakers' dinner",
        ["when"] = "Friday 27 November 2026, 19:30–22:30 (Asia/Kuala_Lumpur)",
        ["place"] = "Restoran Rebung, Bukit Damansara",
        ["rsvp_link"] = "https://example.org/invitations/social/abc123",
    };

    public static readonly NotificationKind Invitation = new()
    {
        Name = "social-invitation",
        Label = "Social event: invitation with an RSVP link",
        Placeholders = ["social_title", "when", "place", "rsvp_link"],
        SampleValues = Sample,
        Subject = "You are invited: {social_title}",
        Body = """
            Hello {recipient_name},

            You are invited to "{social_title}" at {event_name}:

            {when}
            {place}

            Please tell us whether you are coming (and about any dietary or accessibility needs) here; the link is
            yours alone and needs no login, and you can change your answer later:

            {rsvp_link}
            """,
    };

    public static readonly NotificationKind Promoted = new()
    {
        Name = "social-promoted",
        Label = "Social event: a place freed up for someone on the waiting list",
        Placeholders = ["social_title", "when", "place", "rsvp_link"],
        SampleValues = Sample,
        Subject = "A place is yours: {social_title}",
        Body = """
            Hello {recipient_name},

            Good news: a place freed up at "{social_title}" ({event_name}) and it is yours.

            {when}
            {place}

            If you can no longer come, please say so, so the next person can have it:

            {rsvp_link}
            """,
    };

    public static readonly NotificationKind Reminder = new()
    {
        Name = "social-reminder",
        Label = "Social event: reminder the day before",
        Placeholders = ["social_title", "when", "place", "rsvp_link"],
        SampleValues = Sample,
        Subject = "Tomorrow: {social_title}",
        Body = """
            Hello {recipient_name},

            A reminder that you are coming to "{social_title}" at {event_name}:

            {when}
            {place}

            Plans changed? Tell us here, so someone on the waiting list can come instead:

            {rsvp_link}
            """,
    };

    public static readonly NotificationKind Changed = new()
    {
        Name = "social-changed",
        Label = "Social event: its place or time changed (to those coming or waiting)",
        Placeholders = ["social_title", "when", "place", "rsvp_link"],
        SampleValues = Sample,
        Subject = "Changed: {social_title}",
        Body = """
            Hello {recipient_name},

            "{social_title}" at {event_name} has moved. It is now:

            {when}
            {place}

            If you can no longer come, please say so, so someone else can have your place:

            {rsvp_link}
            """,
    };

    public static readonly NotificationKind Cancelled = new()
    {
        Name = "social-cancelled",
        Label = "Social event: cancelled (to those coming or waiting)",
        Placeholders = ["social_title", "when", "place"],
        SampleValues = Sample,
        Subject = "Cancelled: {social_title}",
        Body = """
            Hello {recipient_name},

            We are sorry: "{social_title}" at {event_name}, planned for {when} at {place}, is cancelled.
            Your answer and your link are no longer needed.
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [Invitation, Promoted, Reminder, Changed, Cancelled];
}
