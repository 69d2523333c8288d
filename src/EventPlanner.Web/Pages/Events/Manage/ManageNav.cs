using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Pages.Events.Manage;

/// <summary>
/// Model of the organisers' one navigation, shown on every manage page: <paramref name="Current"/> is the key of
/// the page it is on (see <see cref="Groups"/>).
/// </summary>
public sealed record ManageNav(EventRow Event, string Current)
{
    public sealed record Link(string Key, string Label, string Path);

    /// <summary>The links grouped the way organisers work through an event; paths are relative to the event.</summary>
    public static readonly IReadOnlyList<(string Group, Link[] Links)> Groups =
    [
        ("Overview", [new("dashboard", "Dashboard", "manage")]),
        ("Set-up", [new("details", "Details", "manage/details"), new("days", "Days", "manage/days"), new("rooms", "Rooms", "manage/rooms"),
            new("tracks", "Tracks", "manage/tracks"), new("team", "Team", "manage/team")]),
        ("Call for papers & review", [new("cfp", "Call for papers", "cfp/settings"), new("proposals", "Proposals", "proposals"),
            new("review", "Review", "review/setup"), new("ranking", "Ranking", "ranking")]),
        ("Programme", [new("schedule", "Schedule", "schedule/manage"), new("community", "Community rooms", "community/manage"),
            new("bofs", "BoFs", "bofs/manage"), new("lightning", "Lightning talks", "lightning/manage")]),
        ("Attendees", [new("tickets", "Tickets", "tickets/manage"), new("attendees", "Attendee list", "attendees"), new("check-in", "Check-in", "check-in"),
            new("privacy", "Privacy", "privacy/manage")]),
        ("After the talks", [new("feedback", "Session feedback", "feedback"), new("surveys", "Surveys", "surveys"),
            new("gallery", "Photo gallery", "gallery/manage")]),
        ("Communication", [new("notifications", "Notifications", "notifications"), new("social", "Social events", "social/manage"),
            new("webhooks", "Webhooks", "webhooks")]),
    ];

    public string? CurrentLabel => Groups.SelectMany(g => g.Links).FirstOrDefault(l => l.Key == Current)?.Label;
}
