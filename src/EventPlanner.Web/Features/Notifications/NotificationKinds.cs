using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// Notifications' own kinds: the reminder that the event starts tomorrow and bulk mail. Every other kind is registered
/// by the feature that sends it (<c>services.AddNotificationKinds(...)</c> in its <c>Add...()</c>), so this feature
/// knows none of them.
/// </summary>
public static class NotificationKinds
{
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

    public static IReadOnlyList<NotificationKind> All { get; } = [EventStartsTomorrow, Bulk];
}
