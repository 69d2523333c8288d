using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Features.Schedule.Suggestions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Schedule;

public static class ScheduleEndpoints
{
    public static IServiceCollection AddSchedule(this IServiceCollection services)
    {
        services.AddNotificationKinds(ScheduleNotificationKinds.All);
        services.AddSingleton<SchedulePersonalData>();
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<SchedulePersonalData>());
        services.AddSingleton<IEventRetentionContributor>(sp => sp.GetRequiredService<SchedulePersonalData>());
        services.AddSingleton<ScheduleQueries>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ReleaseCache>();
        // ReleaseCache follows the public data version; hosts without the page cache (the bench's generator) need it too.
        services.TryAddSingleton<PublicDataVersion>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<ReleaseWebhooks>();
        services.AddSingleton<LiveSchedule>();
        services.AddSingleton<PublicSchedule>();
        services.AddSingleton<AgendaStore>();
        services.AddSingleton<AgendaQueries>();
        services.AddScheduleSuggestions();
        return services;
    }

    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/schedule").WithTags("Schedule (organisers)").RequireAuthorization(Policies.EventOrganiser);
        MapSessions(org);
        MapGrid(org);
        SuggestionEndpoints.MapSuggestions(org);
        ReleaseEndpoints.MapReleases(org);
        ReleaseEndpoints.MapPublic(app);
        AgendaEndpoints.MapAgenda(app);
        return app;
    }

    private static void MapSessions(RouteGroupBuilder org)
    {
        org.MapGet("/sessions", async Task<Results<Ok<IEnumerable<SessionResponse>>, NotFound>> (string slug, EventStore events, ScheduleQueries queries) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var board = await queries.LoadAsync(e);
            return TypedResults.Ok(board.Sessions.Select(s => s.AsResponse(board)));
        }).WithSummary("Every session of the event, placed or not, with its version and conflicts (organisers)");

        org.MapPost("/sessions/from-proposals", async Task<Results<Ok<CreatedCount>, NotFound>> (string slug, EventStore events, SessionStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok(new CreatedCount(await store.CreateFromConfirmedAsync(e.Id))) : TypedResults.NotFound())
            .WithSummary("Create a session for each confirmed proposal that has none yet; safe to repeat (organisers)");

        org.MapPost("/sessions", async Task<Results<Created<SessionResponse>, ValidationProblem, NotFound>> (string slug, SessionInput input,
            EventStore events, SessionStore store, ScheduleQueries queries) =>
        {
            var v = new Validator();
            var values = SessionRules.Validate(input, v);
            if (values is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            if (await store.CreateAsync(e.Id, values, v) is not { } row) return v.Problem();
            var board = await queries.LoadAsync(e);
            return TypedResults.Created($"/api/events/{slug}/schedule/sessions/{row.Id}", board.Find(row.Id)!.AsResponse(board));
        }).WithSummary("Add a session that did not come through the call for papers: keynote, break, lunch, dinner, plenary, hallway track (organisers)");

        org.MapGet("/sessions/{id:long}", async Task<Results<Ok<SessionResponse>, NotFound>> (string slug, long id, EventStore events, ScheduleQueries queries) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var board = await queries.LoadAsync(e);
            return board.Find(id) is { } s ? TypedResults.Ok(s.AsResponse(board)) : TypedResults.NotFound();
        }).WithSummary("One session with its conflicts (organisers)");

        org.MapPut("/sessions/{id:long}", async Task<Results<Ok<SessionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            SessionInput input, EventStore events, SessionStore store, ScheduleQueries queries) =>
        {
            var v = new Validator();
            var values = SessionRules.Validate(input, v);
            if (input.Version is null) v.Add("version", "Send the version you read, so a change made meanwhile is not overwritten.");
            if (values is null || v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var write = await store.UpdateAsync(e.Id, id, input.Version!.Value, values, v);
            return await AnswerAsync(write, e, queries);
        }).WithSummary("Edit a session's details; answers 409 when the version sent is not the current one (organisers)");

        org.MapPut("/sessions/{id:long}/placement", async Task<Results<Ok<SessionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            PlacementInput input, EventStore events, SessionStore store, ScheduleQueries queries) =>
        {
            var v = new Validator();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var placement = SessionRules.Validate(input, e, v);
            if (input.Version is null) v.Add("version", "Send the version you read, so a move made meanwhile is not overwritten.");
            if (v.HasErrors) return v.Problem();
            var write = await store.PlaceAsync(e.Id, id, input.Version!.Value, placement, v);
            return await AnswerAsync(write, e, queries);
        }).WithSummary("Move a session to a room and local start time, or off the grid with no room; one request, 409 when someone moved it first (organisers)");

        org.MapDelete("/sessions/{id:long}", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long id, EventStore events, SessionStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            return await store.DeleteAsync(e.Id, id, v) switch
            {
                true => TypedResults.NoContent(),
                false => v.Problem(),
                null => TypedResults.NotFound(),
            };
        }).WithSummary("Delete a session that was never released; a released one is cancelled instead (organisers)");
    }

    private static void MapGrid(RouteGroupBuilder org)
    {
        org.MapGet("/conflicts", async Task<Results<Ok<ConflictSummary>, NotFound>> (string slug, EventStore events, ScheduleQueries queries) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var board = await queries.LoadAsync(e);
            return TypedResults.Ok(new ConflictSummary(board.ErrorCount, board.WarningCount, board.Conflicts.Select(c => c.AsResponse()).ToList()));
        }).WithSummary("Every conflict of the working schedule, each with its kind and severity (organisers)");

        org.MapGet("/slots", async Task<Results<Ok<IEnumerable<SlotResponse>>, NotFound>> (string slug, EventStore events, SessionStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.ListSlotsAsync(e.Id)).Select(s => s.AsResponse())) : TypedResults.NotFound())
            .WithSummary("The grid's slots: planned time blocks per day, for one room or every room (organisers)");

        org.MapPost("/slots", async Task<Results<Created<SlotResponse>, ValidationProblem, NotFound>> (string slug, SlotInput input, EventStore events, SessionStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var slot = SessionRules.Validate(input, e, v);
            if (slot is null) return v.Problem();
            var row = await store.AddSlotAsync(e.Id, slot.Value, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/schedule/slots/{row.Id}", row.AsResponse());
        }).WithSummary("Add a slot (date, local start and end, optional room) (organisers)");

        org.MapDelete("/slots/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, SessionStore store) =>
            await events.FindAsync(slug) is { } e && await store.RemoveSlotAsync(e.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a slot (organisers)");

        org.MapPut("/rooms/{roomId:long}/hours/{date}", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long roomId, string date,
            RoomHoursInput input, EventStore events, SessionStore store) =>
        {
            var v = new Validator();
            var day = v.Date("date", date, "Day");
            var hours = SessionRules.Validate(input, v);
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return await store.SetRoomHoursAsync(e.Id, roomId, day!.Value, hours) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Set a room's own opening hours on one day (otherwise the day's hours apply) (organisers)");

        org.MapDelete("/rooms/{roomId:long}/hours/{date}", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long roomId, string date,
            EventStore events, SessionStore store) =>
        {
            var v = new Validator();
            var day = v.Date("date", date, "Day");
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return await store.SetRoomHoursAsync(e.Id, roomId, day!.Value, null) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Clear a room's own hours on one day: the day's hours apply again (organisers)");
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> AnswerAsync(WriteResult<SessionRow> write,
        EventRow e, ScheduleQueries queries)
    {
        var board = write.Kind is WriteKind.Ok or WriteKind.Conflict ? await queries.LoadAsync(e) : null;
        if (write.Kind == WriteKind.Conflict)
        {
            // A stale write says what changed, with the version and session to start again from.
            var now = board!.Find(write.Session()!.Id)!;
            write = write with
            {
                Message = now.StaleMessage(board),
                Extensions = new Dictionary<string, object?> { ["currentVersion"] = now.Version, ["session"] = now.AsResponse(board) },
            };
        }
        return write.ToHttp(s => TypedResults.Ok(board!.Find(s.Id)!.AsResponse(board)));
    }
}
