using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// What BoFs tell people: the proposer when enough people are interested to book a slot; everyone interested (and the
/// proposer, when an organiser acted for them) when the BoF is booked, moved or cancelled.
/// </summary>
public static class BofNotificationKinds
{
    private static readonly Dictionary<string, string> Sample = new()
    {
        ["bof_title"] = "Rust for Linux: next steps",
        ["when"] = "Thursday 26 November 2026, 19:00–20:00 (Asia/Kuala_Lumpur)",
        ["room"] = "Room Fedora",
        ["was"] = "Wednesday 25 November 2026, 12:30–13:15 (Asia/Kuala_Lumpur) in Room Ubuntu",
        ["previously"] = " (it was to meet Wednesday 25 November 2026, 12:30–13:15 (Asia/Kuala_Lumpur) in Room Ubuntu)",
        ["interest_count"] = "5",
        ["bof_link"] = "https://example.org/events/fossmy-2026/bofs#bof-12",
    };

    public static readonly NotificationKind ThresholdReached = new()
    {
        Name = "bof-threshold-reached",
        Label = "BoF: enough people are interested to book a slot",
        Placeholders = ["bof_title", "interest_count", "bof_link"],
        SampleValues = Sample,
        Subject = "Your BoF \"{bof_title}\" can be booked",
        Body = """
            Hello {recipient_name},

            {interest_count} people are interested in your BoF "{bof_title}" at {event_name}: that is enough to book one of the
            free BoF slots. Slots go to whoever books first, so pick yours soon:

            {bof_link}
            """,
    };

    public static readonly NotificationKind Booked = new()
    {
        Name = "bof-booked",
        Label = "BoF: booked into the schedule",
        Placeholders = ["bof_title", "when", "room", "bof_link"],
        SampleValues = Sample,
        Subject = "BoF \"{bof_title}\" is on: {when}",
        Body = """
            Hello {recipient_name},

            The BoF "{bof_title}" you are interested in at {event_name} has a time and a room:

            {when}, {room}

            It is in the public schedule and in your agenda. Details: {bof_link}
            """,
    };

    public static readonly NotificationKind Moved = new()
    {
        Name = "bof-moved",
        Label = "BoF: moved to another time or room",
        Placeholders = ["bof_title", "when", "room", "was", "bof_link"],
        SampleValues = Sample,
        Subject = "BoF \"{bof_title}\" has moved: {when}",
        Body = """
            Hello {recipient_name},

            The BoF "{bof_title}" at {event_name} has moved. It is now:

            {when}, {room}

            (It was {was}.) Details: {bof_link}
            """,
    };

    public static readonly NotificationKind Cancelled = new()
    {
        Name = "bof-cancelled",
        Label = "BoF: cancelled",
        Placeholders = ["bof_title", "previously", "bof_link"],
        SampleValues = Sample,
        Subject = "BoF \"{bof_title}\" is cancelled",
        Body = """
            Hello {recipient_name},

            The BoF "{bof_title}" at {event_name} is cancelled{previously}.

            Other BoFs looking for people: {bof_link}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [ThresholdReached, Booked, Moved, Cancelled];
}
