using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>
/// What Events tells people: that they joined an event's team. Registered in <c>AddEvents()</c>.
/// </summary>
public static class EventNotificationKinds
{
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

    public static IReadOnlyList<NotificationKind> All { get; } = [TeamRoleGranted];
}
