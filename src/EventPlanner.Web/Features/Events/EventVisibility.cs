using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Web.Features.Events;

/// <summary>
/// The event behind a page or endpoint of a feature that lives inside an event (BoFs, community rooms, lightning
/// talks): like the event page, a hidden event does not exist for strangers (404), only its team sees it; organiser
/// powers come from a role in this event only. Each such feature's access class extends this with its own rules.
/// </summary>
public abstract class EventVisibility(EventStore events, EventAccess access)
{
    protected EventStore Events { get; } = events;

    public async Task<EventRow?> VisibleAsync(HttpContext http, string slug)
    {
        if (await Events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        if (e.IsPublic) return e;
        if (http.User.UserId() is not { } userId) return null;
        return (await access.RolesAsync(http, userId, slug)).Count > 0 ? e : null;
    }

    public async Task<bool> IsOrganiserAsync(HttpContext http, string slug) =>
        http.User.UserId() is { } userId && (await access.RolesAsync(http, userId, slug)).Contains(EventRoles.Organiser);
}
