using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// The event behind a public ticket page or endpoint. Like the event page, a hidden event does not exist for
/// strangers (404, not 403, so its slug is not confirmed): only its team and check-in volunteers see its tickets.
/// </summary>
public sealed class TicketEvents(EventStore events, EventAccess access, CheckInStore checkIns)
{
    public async Task<EventRow?> VisibleAsync(HttpContext http, string slug)
    {
        if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        if (e.IsPublic) return e;
        if (http.User.UserId() is not { } userId) return null;
        if ((await access.RolesAsync(http, userId, slug)).Count > 0) return e;
        return await checkIns.IsOrganiserOrStaffAsync(slug, userId, http.RequestAborted) ? e : null;
    }
}
