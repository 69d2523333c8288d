using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// The daily digest to attendees who starred a session whose slides or recording appeared. Not transactional: a
/// courtesy, so it carries an unsubscribe link.
/// </summary>
public static class MaterialNotificationKinds
{
    public static readonly NotificationKind Digest = new()
    {
        Name = "materials-digest",
        Label = "Materials: daily digest of new slides and recordings of starred sessions",
        Placeholders = ["sessions", "agenda_link"],
        SampleValues = new Dictionary<string, string>
        {
            ["sessions"] = "Packaging Rust for Debian — Slides, Recording; Nix at work — Slides",
            ["agenda_link"] = "https://example.org/my/agenda",
        },
        Transactional = false,
        Subject = "New slides and recordings: {event_name}",
        Body = """
            Hello {recipient_name},

            Sessions you starred at {event_name} have new materials: {sessions}.

            Your agenda links to each session's page, where the slides and recordings are: {agenda_link}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [Digest];
}
