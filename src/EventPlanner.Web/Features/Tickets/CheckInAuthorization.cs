using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace EventPlanner.Web.Features.Tickets;

public static class TicketPolicies
{
    /// <summary>An organiser of the event named by the route's slug, or a check-in volunteer they appointed.</summary>
    public const string EventCheckIn = nameof(EventCheckIn);
}

public sealed class EventCheckInRequirement : IAuthorizationRequirement;

/// <summary>
/// Check-in volunteers live in event_checkin_staff (event_roles' CHECK allows only organiser and reviewer),
/// so this policy has its own handler, registered by AddTickets() and leaving Accounts untouched.
/// </summary>
public sealed class EventCheckInHandler(CheckInStore store) : AuthorizationHandler<EventCheckInRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, EventCheckInRequirement requirement)
    {
        if (context.User.UserId() is not { } userId) return;
        var http = context.Resource as HttpContext;
        if (http?.GetRouteValue("slug") is not string slug) return;
        if (await store.IsOrganiserOrStaffAsync(slug, userId, http.RequestAborted)) context.Succeed(requirement);
    }
}
