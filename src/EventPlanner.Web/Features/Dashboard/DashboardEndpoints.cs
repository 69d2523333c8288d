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
        services.AddSingleton<OrganiserImpacts>();
        services.AddSingleton<ParticipantImpacts>();
        services.AddSingleton<SetupImpacts>();
        services.AddSingleton<ReviewSetupImpacts>();
        services.AddSingleton<LightningImpacts>();
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
        MapRoomRemoval(app.MapGroup("/api/events/{slug}/rooms/{id:long}").RequireAuthorization(Policies.EventOrganiser).WithTags("Rooms"));
        return app;
    }

    private static void MapRoomRemoval(RouteGroupBuilder room)
    {
        room.MapGet("/removal", async Task<Results<Ok<RoomImpact>, NotFound>> (string slug, long id, EventStore events, RoomRemoval removal) =>
                await events.FindAsync(slug) is { } e && await removal.ImpactAsync(e.Id, id) is { } impact ? TypedResults.Ok(impact) : TypedResults.NotFound())
            .WithSummary("What removing a room would touch: sessions that lose their room, grid and BoF slots removed, community bookings; blocked while it holds live bookings");

        room.MapDelete("", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (string slug, long id, EventStore events, RoomRemoval removal) =>
            {
                if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
                var (outcome, impact) = await removal.RemoveAsync(e.Id, id, RoomRemoval.Unconfirmed);
                return outcome switch
                {
                    RoomRemovalOutcome.Removed => TypedResults.NoContent(),
                    RoomRemovalOutcome.Blocked => TypedResults.Problem(
                        $"{impact!.RoomName} holds {impact.BookedBofs} booked BoF(s) and {impact.ApprovedBlocks.Count} approved community block(s), published when they were booked: move or cancel them first.",
                        statusCode: StatusCodes.Status409Conflict, title: "The room holds live bookings"),
                    _ => TypedResults.NotFound(),
                };
            })
            .WithSummary("Remove a room: its programme sessions lose their room (public at the next release), its grid and free BoF slots go; 409 while it holds booked BoFs or approved community blocks");
    }
}

/// <summary>Who may see an event's dashboard: its organisers; a hidden event does not exist for anyone outside its team.</summary>
public sealed class DashboardAccess(EventStore events, EventAccess access) : EventVisibility(events, access);
