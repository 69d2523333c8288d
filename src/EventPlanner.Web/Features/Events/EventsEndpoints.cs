using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Events;

public static class EventsEndpoints
{
    public static IServiceCollection AddEvents(this IServiceCollection services) => services
        .AddSingleton<EventStore>()
        .AddSingleton<VenueStore>()
        .AddSingleton<TeamStore>()
        .AddSingleton<Accounts.IAccountRemovalStep, SoleOrganiserRemovalStep>()
        .AddNotificationKinds(EventNotificationKinds.All);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");

        events.MapGet("", async (EventStore store) => TypedResults.Ok((await store.ListPublicAsync()).Select(e => e.AsSummary())))
            .AllowAnonymous().WithSummary("Public events");

        events.MapPost("", async Task<Results<Created<EventDetail>, ValidationProblem>> (EventInput input, HttpContext http, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var values = EventRules.Validate(input, v);
            var created = values is null ? null : await store.CreateAsync(values, http.User.RequiredUserId(), v);
            if (created is null) return v.Problem();
            return TypedResults.Created($"/api/events/{created.Slug}", await DetailAsync(venue, created));
        }).RequireAuthorization(Policies.CanCreateEvents).WithSummary("Create an event; you become its first organiser");

        var one = events.MapGroup("/{slug}").RequireAuthorization(Policies.EventOrganiser);

        one.MapGet("", async Task<Results<Ok<EventDetail>, NotFound>> (string slug, EventStore store, VenueStore venue) =>
            await store.FindAsync(slug) is { } e ? TypedResults.Ok(await DetailAsync(venue, e)) : TypedResults.NotFound())
            .WithSummary("An event with its days, rooms and tracks (organisers)");

        one.MapPut("", async Task<Results<Ok<EventDetail>, ValidationProblem, NotFound>> (string slug, EventInput input, HttpContext http, EventStore store, VenueStore venue) =>
        {
            if (await store.FindAsync(slug) is not { } current) return TypedResults.NotFound();
            // A field left out keeps its value (send "" to clear a text): a client that only renames an event
            // must not publish a hidden one or wipe its description.
            var v = new Validator();
            var values = EventRules.Validate(input with
            {
                Slug = input.Slug ?? slug,
                Name = input.Name ?? current.Name,
                Description = input.Description ?? current.Description,
                Venue = input.Venue ?? current.Venue,
                TimeZone = input.TimeZone ?? current.TimeZone,
                StartsOn = input.StartsOn ?? current.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                EndsOn = input.EndsOn ?? current.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                IsPublic = input.IsPublic ?? current.IsPublic,
                ParentSlug = input.ParentSlug ?? current.ParentSlug,
            }, v);
            if (values is null) return v.Problem();
            var updated = await store.UpdateAsync(slug, values, http.User.RequiredUserId(), v);
            if (v.HasErrors) return v.Problem();
            return updated is null ? TypedResults.NotFound() : TypedResults.Ok(await DetailAsync(venue, updated));
        }).WithSummary("Update an event's details; fields left out keep their values (organisers)");

        one.MapPut("/days/{date}", async Task<Results<Ok<DayResponse>, ValidationProblem, NotFound>> (string slug, string date, DayInput input, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var day = v.Date("date", date, "Date");
            var hours = EventRules.Validate(input, v);
            if (hours is null || day is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await venue.SetDayHoursAsync(e.Id, day.Value, hours.Value.Opens, hours.Value.Closes);
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Set a day's opening hours (organisers)");

        MapRooms(one.MapGroup("/rooms").WithTags("Rooms"));
        MapTracks(one.MapGroup("/tracks").WithTags("Tracks"));
        MapTeam(one.MapGroup("/team").WithTags("Team"));
        return app;
    }

    private static void MapRooms(RouteGroupBuilder rooms)
    {
        rooms.MapGet("", async Task<Results<Ok<IEnumerable<RoomResponse>>, NotFound>> (string slug, EventStore store, VenueStore venue) =>
            await store.FindAsync(slug) is { } e
                ? TypedResults.Ok((await venue.ListPartsAsync(e.Id)).Rooms.Select(r => r.AsResponse()))
                : TypedResults.NotFound())
            .WithSummary("Rooms of the event, in display order");

        rooms.MapPost("", async Task<Results<Created<RoomResponse>, ValidationProblem, NotFound>> (string slug, RoomInput input, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var room = EventRules.Validate(input, v);
            if (room is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await venue.AddRoomAsync(e.Id, room.Value, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/rooms/{row.Id}", row.AsResponse());
        }).WithSummary("Add a room (name, capacity, accessibility notes)");

        rooms.MapPut("/{id:long}", async Task<Results<Ok<RoomResponse>, ValidationProblem, NotFound>> (string slug, long id, RoomInput input, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var room = EventRules.Validate(input, v);
            if (room is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await venue.UpdateRoomAsync(e.Id, id, room.Value, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Change a room");
        // DELETE .../rooms/{id} is mapped by Dashboard (RoomRemoval): what a room holds is other features' business.
    }

    private static void MapTracks(RouteGroupBuilder tracks)
    {
        tracks.MapGet("", async Task<Results<Ok<IEnumerable<TrackResponse>>, NotFound>> (string slug, EventStore store, VenueStore venue) =>
            await store.FindAsync(slug) is { } e
                ? TypedResults.Ok((await venue.ListPartsAsync(e.Id)).Tracks.Select(t => t.AsResponse()))
                : TypedResults.NotFound())
            .WithSummary("Tracks of the event");

        tracks.MapPost("", async Task<Results<Created<TrackResponse>, ValidationProblem, NotFound>> (string slug, TrackInput input, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var track = EventRules.Validate(input, v);
            if (track is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await venue.AddTrackAsync(e.Id, track.Value, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/tracks/{row.Id}", row.AsResponse());
        }).WithSummary("Add a track with its #rrggbb colour");

        tracks.MapPut("/{id:long}", async Task<Results<Ok<TrackResponse>, ValidationProblem, NotFound>> (string slug, long id, TrackInput input, EventStore store, VenueStore venue) =>
        {
            var v = new Validator();
            var track = EventRules.Validate(input, v);
            if (track is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await venue.UpdateTrackAsync(e.Id, id, track.Value, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Change a track");

        tracks.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (string slug, long id, EventStore store, VenueStore venue) =>
        {
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            string? blocked = null;
            var found = await venue.RemoveTrackAsync(e.Id, id, why => blocked = why);
            if (blocked is not null) return TypedResults.Problem(blocked, statusCode: StatusCodes.Status409Conflict, title: "The track is in use");
            return found ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Remove a track (refused while a review team is limited to it alone)");
    }

    private static void MapTeam(RouteGroupBuilder team)
    {
        team.MapGet("", async Task<Results<Ok<IEnumerable<TeamMemberResponse>>, NotFound>> (string slug, EventStore store, TeamStore members) =>
            await store.FindAsync(slug) is { } e
                ? TypedResults.Ok((await members.ListTeamAsync(e.Id)).Select(m => m.AsResponse()))
                : TypedResults.NotFound())
            .WithSummary("Organisers and reviewers of the event");

        team.MapPost("", async Task<Results<Ok<TeamMemberResponse>, ValidationProblem, NotFound>> (string slug, TeamMemberInput input, HttpContext http, EventStore store, TeamStore members) =>
        {
            var v = new Validator();
            var email = v.Required("email", input.Email, 254, "Email");
            var role = EventRules.ValidateRole(input.Role, v);
            if (v.HasErrors) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await members.GrantAsync(e.Id, email!, role!, http.User.RequiredUserId(), v);
            return row is null ? v.Problem() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Grant organiser or reviewer to an existing account, by email");

        team.MapDelete("/{userId:long}/{role}", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long userId, string role, EventStore store, TeamStore members) =>
        {
            var v = new Validator();
            var r = EventRules.ValidateRole(role, v);
            if (r is null) return v.Problem();
            if (await store.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var removed = await members.RevokeAsync(e.Id, userId, r, v);
            if (v.HasErrors) return v.Problem();
            return removed ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Remove a role from someone in the event's team");
    }

    private static async Task<EventDetail> DetailAsync(VenueStore venue, EventRow e)
    {
        var parts = await venue.ListPartsAsync(e.Id);
        return e.AsDetail(parts.Days, parts.Rooms, parts.Tracks);
    }
}
