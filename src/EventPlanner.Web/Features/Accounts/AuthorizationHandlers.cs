using Microsoft.AspNetCore.Authorization;

namespace EventPlanner.Web.Features.Accounts;

public sealed class SiteAdminRequirement : IAuthorizationRequirement;

public sealed class CanCreateEventsRequirement : IAuthorizationRequirement;

public sealed record EventRoleRequirement(params string[] Roles) : IAuthorizationRequirement;

/// <summary>Checks the database on each request, so a revoked role or admin flag takes effect at once.</summary>
public sealed class SiteAdminHandler(UserQueries users) : AuthorizationHandler<SiteAdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SiteAdminRequirement requirement)
    {
        if (context.User.UserId() is { } id && await users.IsAdminAsync(id)) context.Succeed(requirement);
    }
}

public sealed class CanCreateEventsHandler(UserQueries users, SiteSettingsStore settings) : AuthorizationHandler<CanCreateEventsRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CanCreateEventsRequirement requirement)
    {
        if (context.User.UserId() is not { } id) return;
        if (await settings.GetEventCreationAsync() == EventCreation.AnySignedInUser || await users.IsAdminAsync(id))
        {
            context.Succeed(requirement);
        }
    }
}

public sealed class EventRoleHandler(EventAccess access) : AuthorizationHandler<EventRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, EventRoleRequirement requirement)
    {
        if (context.User.UserId() is not { } userId) return;
        var http = context.Resource as HttpContext;
        if (http?.GetRouteValue("slug") is not string slug) return;
        var roles = await access.RolesAsync(http, userId, slug);
        if (requirement.Roles.Any(roles.Contains)) context.Succeed(requirement);
    }
}
