using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>The dashboard's counts over the API: the same <see cref="DashboardQuery"/> as the page at /events/{slug}/dashboard.</summary>
public static class DashboardEndpoints
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardQuery>();
        services.AddSingleton<RoomRemoval>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events/{slug}/dashboard", async Task<Results<Ok<DashboardResponse>, NotFound, ForbidHttpResult>> (
                string slug, HttpContext http, DashboardAccess access, DashboardQuery query) =>
            {
                // Signed in is the policy; the event role is checked here so a hidden event is 404 to strangers, not 403.
                if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
                if (!await access.IsOrganiserAsync(http, slug)) return TypedResults.Forbid();
                return TypedResults.Ok((await query.LoadAsync(e, http.RequestAborted)).AsResponse());
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("Dashboard")
            .WithSummary("The organisers' dashboard: the event's state at a glance and what waits for them, with counts and links");
        return app;
    }
}

/// <summary>Who may see an event's dashboard: its organisers; a hidden event does not exist for anyone outside its team.</summary>
public sealed class DashboardAccess(EventStore events, EventAccess access) : EventVisibility(events, access);
