using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// What a release tells people: each speaker whose session was added, moved, moved room or cancelled, and each
/// attendee with such a session in their agenda. The organiser chooses per release whether these go at once or
/// wait as held mail; the held twins share the wording (an organiser's override of the first applies to both).
/// </summary>
public static class ScheduleNotificationKinds
{
    private static readonly IReadOnlyDictionary<string, string> SpeakerSample = new Dictionary<string, string>
    {
        ["version"] = "3",
        ["changes"] = "- \"Packaging Rust crates for Debian\": Moved from Sat 28 Nov 10:00 to Sat 28 Nov 11:30",
        ["sessions_link"] = "https://example.org/events/fossmy-2026/speakers/12",
        ["calendar_link"] = "https://example.org/events/fossmy-2026/speakers/12/sessions.ics",
    };

    private static readonly IReadOnlyDictionary<string, string> AttendeeSample = new Dictionary<string, string>
    {
        ["version"] = "3",
        ["changes"] = "- \"Packaging Rust crates for Debian\": Room changed from Main Hall to Room Ubuntu",
        ["agenda_link"] = "https://example.org/my/agenda",
    };

    private const string SpeakerSubject = "Schedule change for your session at {event_name}";
    private const string SpeakerBody = """
        Hello {recipient_name},

        Version {version} of the {event_name} schedule is out, and it changes your sessions:

        {changes}

        Your sessions: {sessions_link}

        Your sessions in this version are attached as an iCalendar file. To keep your calendar up to date with later versions, subscribe to {calendar_link}
        """;

    private const string AttendeeSubject = "Sessions in your agenda for {event_name} have changed";
    private const string AttendeeBody = """
        Hello {recipient_name},

        Version {version} of the {event_name} schedule changes sessions you starred:

        {changes}

        Your agenda: {agenda_link}
        """;

    public static readonly NotificationKind SpeakerChanged = new()
    {
        Name = "schedule-changed-speaker",
        Label = "Schedule change: a speaker's session",
        Placeholders = ["version", "changes", "sessions_link", "calendar_link"],
        SampleValues = SpeakerSample,
        Subject = SpeakerSubject,
        Body = SpeakerBody,
    };

    public static readonly NotificationKind SpeakerChangedHeld = SpeakerChanged with
    {
        Name = "schedule-changed-speaker-held", Label = "Schedule change: a speaker's session (held for review)", HeldForRelease = true, Overridable = false,
    };

    public static readonly NotificationKind AttendeeChanged = new()
    {
        Name = "schedule-changed-attendee",
        Label = "Schedule change: a session in someone's agenda",
        Transactional = false,
        Placeholders = ["version", "changes", "agenda_link"],
        SampleValues = AttendeeSample,
        Subject = AttendeeSubject,
        Body = AttendeeBody,
    };

    public static readonly NotificationKind AttendeeChangedHeld = AttendeeChanged with
    {
        Name = "schedule-changed-attendee-held", Label = "Schedule change: a session in someone's agenda (held for review)", HeldForRelease = true, Overridable = false,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [SpeakerChanged, SpeakerChangedHeld, AttendeeChanged, AttendeeChangedHeld];
}
