using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Community;

/// <summary>What every community page shares: the event from the route (hidden events are 404 for strangers) and how a refused write is shown.</summary>
public abstract class CommunityPageModel(CommunityAccess access) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];
    public bool IsOrganiser { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";
    public long? UserId => User.UserId();

    protected CommunityAccess Access => access;

    protected async Task<bool> LoadEventAsync()
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e) return false;
        Event = e;
        Rooms = await access.RoomsAsync(e);
        IsOrganiser = await access.IsOrganiserAsync(HttpContext, Slug);
        return true;
    }

    public string RoomName(long? id) => Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? "no room";

    public string When(DateTimeOffset starts, DateTimeOffset ends) => CommunityDisplay.When(Event, starts, ends);

    /// <summary>True when done; otherwise the reason goes next to the form (a refusal says what is free instead) and the caller shows the page again.</summary>
    protected bool Succeeded<T>(WriteResult<T> outcome, string prefix) => ModelState.AddErrors(outcome, prefix);
}

public static class CommunityDisplay
{
    public static string When(EventRow e, DateTimeOffset starts, DateTimeOffset ends)
    {
        var from = TimeZoneInfo.ConvertTime(starts, e.Zone);
        var to = TimeZoneInfo.ConvertTime(ends, e.Zone);
        return $"{from:ddd d MMM, HH:mm}–{to:HH:mm}";
    }

    public static string Hm(EventRow e, DateTimeOffset t) => $"{TimeZoneInfo.ConvertTime(t, e.Zone):HH:mm}";
    public static string Iso(EventRow e, DateTimeOffset t) => $"{TimeZoneInfo.ConvertTime(t, e.Zone):yyyy-MM-dd}";
    public static DateTime Local(EventRow e, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, e.Zone).DateTime;
}
