using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>BoFs over the API: the same store calls as the pages at /events/{slug}/bofs and /events/{slug}/bofs/manage.</summary>
public static class BofEndpoints
{
    public static IServiceCollection AddBofs(this IServiceCollection services)
    {
        services.AddNotificationKinds(BofNotificationKinds.All);
        services.AddPersonalData<BofPersonalData>();
        services.AddSingleton<BofAccess>();
        services.AddSingleton<BofStore>();
        services.AddSingleton<BofBookings>();
        services.AddSingleton<BofWebhooks>();
        services.AddSingleton<BofSetupStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapBofsApi(this IEndpointRouteBuilder app)
    {
        var bofs = app.MapGroup("/api/events/{slug}").WithTags("BoFs");
        MapBofs(bofs);
        MapBooking(bofs);
        MapSetup(bofs.MapGroup("").RequireAuthorization(Policies.EventOrganiser));
        return app;
    }

    private static async Task<BofResponse> ResponseAsync(HttpContext http, EventRow e, BofStore store, BofAccess access, long id)
    {
        var found = (await store.FindAsync(e.Id, id, http.User.UserId()))!.Value;
        return found.Bof.AsResponse(found.Threshold, found.Interested, await CanManageAsync(http, e, found.Bof, access));
    }

    private static async Task<bool> CanManageAsync(HttpContext http, EventRow e, BofRow b, BofAccess access) =>
        http.User.UserId() == b.ProposerUserId || await access.IsOrganiserAsync(http, e.Slug);

    private static void MapBofs(RouteGroupBuilder bofs)
    {
        bofs.MapGet("/bofs", async Task<Results<Ok<IEnumerable<BofResponse>>, NotFound>> (string slug, HttpContext http, BofAccess access, BofStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var list = await store.ListAsync(e.Id, http.User.UserId());
            var organiser = await access.IsOrganiserAsync(http, slug);
            var me = http.User.UserId();
            return TypedResults.Ok(list.Bofs.Select(b => b.AsResponse(list.Threshold, list.MyInterest.Contains(b.Id), organiser || me == b.ProposerUserId)));
        }).AllowAnonymous().WithSummary("The event's BoFs: proposed, gathering interest, ready to book, booked or cancelled, with interest counts and the threshold");

        bofs.MapGet("/bofs/{id:long}", async Task<Results<Ok<BofResponse>, NotFound>> (string slug, long id, HttpContext http, BofAccess access, BofStore store) =>
            await access.VisibleAsync(http, slug) is { } e && await store.FindAsync(e.Id, id, null) is not null
                ? TypedResults.Ok(await ResponseAsync(http, e, store, access, id))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("One BoF");

        bofs.MapPost("/bofs", async Task<Results<Created<BofResponse>, ValidationProblem, NotFound>> (string slug, BofInput input, HttpContext http, BofAccess access, BofStore store) =>
        {
            var v = new Validator();
            var values = BofRules.ValidateProposal(input, v);
            if (values is null) return v.Problem();
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            if (await store.ProposeAsync(e, http.User.RequiredUserId(), values.Value, v) is not { } row) return v.Problem();
            return TypedResults.Created($"/api/events/{slug}/bofs/{row.Id}", await ResponseAsync(http, e, store, access, row.Id));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Propose a BoF (title, description); others can then mark interest");

        bofs.MapPut("/bofs/{id:long}/interest", (string slug, long id, HttpContext http, BofAccess access, BofStore store) => InterestAsync(slug, id, true, http, access, store))
            .RequireAuthorization(Policies.SignedIn).WithSummary("Mark your interest in a BoF (not your own); the proposer is told when the threshold is reached");

        bofs.MapDelete("/bofs/{id:long}/interest", (string slug, long id, HttpContext http, BofAccess access, BofStore store) => InterestAsync(slug, id, false, http, access, store))
            .RequireAuthorization(Policies.SignedIn).WithSummary("Withdraw your interest in a BoF (a booking already made stands)");
    }

    private static async Task<Results<Ok<BofResponse>, ValidationProblem, NotFound>> InterestAsync(string slug, long id, bool interested, HttpContext http,
        BofAccess access, BofStore store)
    {
        if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
        var v = new Validator();
        if (await store.SetInterestAsync(e, id, http.User.RequiredUserId(), interested, v) is null) return TypedResults.NotFound();
        return v.HasErrors ? v.Problem() : TypedResults.Ok(await ResponseAsync(http, e, store, access, id));
    }

    private static void MapBooking(RouteGroupBuilder bofs)
    {
        bofs.MapGet("/bofs/slots", async Task<Results<Ok<IEnumerable<BofSlotResponse>>, NotFound>> (string slug, HttpContext http, BofAccess access, BofBookings bookings, BofSetupStore setup) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var free = (await bookings.AlternativesAsync(e, null)).Free.Select(s => s.Id).ToHashSet();
            return TypedResults.Ok((await setup.SlotsAsync(e.Id)).Select(s => s.AsResponse(free.Contains(s.Id))));
        }).AllowAnonymous().WithSummary("Every BoF slot with the BoF holding it; free means it can still be booked (not started, nothing else in the room)");

        bofs.MapGet("/bofs/{id:long}/free-slots", async Task<Results<Ok<IEnumerable<BofSlotResponse>>, NotFound>> (string slug, long id, HttpContext http, BofAccess access, BofBookings bookings) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var (bof, free) = await bookings.AlternativesAsync(e, id);
            return bof is null ? TypedResults.NotFound() : TypedResults.Ok(free.Select(s => s.AsResponse(true)));
        }).AllowAnonymous().WithSummary("The slots this BoF could be booked or moved into now (free, not started, no clash for its proposer)");

        bofs.MapPut("/bofs/{id:long}/booking", async Task<Results<Ok<BofResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            BofBookingInput input, HttpContext http, BofAccess access, BofStore store, BofBookings bookings) =>
        {
            var v = new Validator();
            if (input.SlotId is null) v.Add("slotId", "Choose a slot.");
            if (v.HasErrors) return v.Problem();
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var organiser = await access.IsOrganiserAsync(http, slug);
            var result = await bookings.BookAsync(e, id, input.SlotId!.Value, http.User.RequiredUserId(), organiser, v);
            return await AnswerAsync(result, http, e, store, access);
        }).RequireAuthorization(Policies.SignedIn)
        .WithSummary("Book a free BoF slot, or move the BoF to another one (the proposer once the threshold is reached, or an organiser); 409 with the free alternatives when the slot is taken, started or clashes");

        bofs.MapPost("/bofs/{id:long}/cancel", async Task<Results<Ok<BofResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            HttpContext http, BofAccess access, BofStore store, BofBookings bookings) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var organiser = await access.IsOrganiserAsync(http, slug);
            var result = await bookings.CancelAsync(e, id, http.User.RequiredUserId(), organiser);
            return await AnswerAsync(result, http, e, store, access);
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Cancel a BoF (its proposer or an organiser): its slot is free again and it leaves the schedule");
    }

    private static Task<Results<Ok<BofResponse>, ValidationProblem, NotFound, ProblemHttpResult>> AnswerAsync(WriteResult<BofRow> result,
        HttpContext http, EventRow e, BofStore store, BofAccess access) =>
        result.ToHttpAsync(async bof => TypedResults.Ok(await ResponseAsync(http, e, store, access, bof.Id)));

    private static void MapSetup(RouteGroupBuilder org)
    {
        org.MapGet("/bofs/settings", async Task<Results<Ok<BofSettingsResponse>, NotFound>> (string slug, EventStore events, BofSetupStore setup) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await setup.GetAsync(e.Id)).AsResponse()) : TypedResults.NotFound())
            .WithSummary("The BoF interest threshold and BoF rooms (organisers)");

        org.MapPut("/bofs/settings", async Task<Results<Ok<BofSettingsResponse>, ValidationProblem, NotFound>> (string slug, BofSettingsInput input, EventStore events, BofSetupStore setup) =>
        {
            var v = new Validator();
            var threshold = BofRules.ValidateThreshold(input.InterestThreshold, v);
            if (threshold is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var saved = await setup.SaveAsync(e, threshold.Value, input.RoomIds ?? [], v);
            return saved is null ? v.Problem() : TypedResults.Ok(saved.AsResponse());
        }).WithSummary("Set the interest threshold (people besides the proposer) and which of the event's rooms are BoF rooms (organisers)");

        org.MapPost("/bofs/slots", async Task<Results<Created<BofSlotResponse>, ValidationProblem, NotFound>> (string slug, BofSlotInput input, EventStore events, BofSetupStore setup) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var values = BofRules.ValidateSlot(input, e, v);
            if (values is null) return v.Problem();
            var row = await setup.AddSlotAsync(e, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/bofs/slots/{row.Id}", row.AsResponse(true));
        }).WithSummary("Add a bookable BoF slot: a BoF room, a day, local start and end (an evening, a lunch break) (organisers)");

        org.MapDelete("/bofs/slots/{slotId:long}", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long slotId, EventStore events, BofSetupStore setup) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            return await setup.RemoveSlotAsync(e.Id, slotId, v) switch
            {
                true => TypedResults.NoContent(),
                false => v.Problem(),
                null => TypedResults.NotFound(),
            };
        }).WithSummary("Remove a BoF slot nobody has booked (organisers)");
    }
}
