using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// The event behind a BoF page or endpoint, and whether the reader organises it. A hidden event does not exist for
/// strangers (404), as on the event page. Organiser powers come from a role in this event only.
/// </summary>
public sealed class BofAccess(EventStore events, EventAccess access)
{
    public async Task<EventRow?> VisibleAsync(HttpContext http, string slug)
    {
        if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        if (e.IsPublic) return e;
        if (http.User.UserId() is not { } userId) return null;
        return (await access.RolesAsync(http, userId, slug)).Count > 0 ? e : null;
    }

    public async Task<bool> IsOrganiserAsync(HttpContext http, string slug) =>
        http.User.UserId() is { } userId && (await access.RolesAsync(http, userId, slug)).Contains(EventRoles.Organiser);
}
