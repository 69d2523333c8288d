using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// The event behind a community page or endpoint. Like the event page, a hidden event does not exist for strangers
/// (404): only its team sees it. Organisers of the event see every group and request; others see approved groups.
/// </summary>
public sealed class CommunityAccess(EventStore events, EventAccess access)
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

    public async Task<IReadOnlyList<RoomRow>> RoomsAsync(EventRow e, CancellationToken ct = default) => (await events.ListPartsAsync(e.Id, ct)).Rooms;
}
