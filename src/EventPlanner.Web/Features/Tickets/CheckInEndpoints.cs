using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>The door, for organisers and their check-in volunteers; the volunteers are appointed by organisers.</summary>
public static class CheckInEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/api/events/{slug}/check-in").WithTags("Check-in").RequireAuthorization(TicketPolicies.EventCheckIn);

        desk.MapPost("", async Task<Results<Ok<CheckInResponse>, Conflict<CheckInResponse>, NotFound>> (string slug, CheckInInput input, HttpContext http, EventStore events, CheckInStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var result = await store.CheckInAsync(e.Id, input.Secret, http.User.RequiredUserId());
            var response = result.AsResponse(e.TimeZone);
            return result.Outcome == CheckInOutcomes.Accepted ? TypedResults.Ok(response) : TypedResults.Conflict(response);
        }).WithSummary("Check a ticket in by its secret (or ticket link): 200 when admitted, 409 with the reason when refused");

        desk.MapPost("/{ticketId:long}/undo", async Task<Results<NoContent, NotFound>> (string slug, long ticketId, HttpContext http, EventStore events, CheckInStore store) =>
            await events.FindAsync(slug) is { } e && await store.UndoAsync(e.Id, ticketId, http.User.RequiredUserId()) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Undo a check-in made by mistake");

        desk.MapGet("/counts", async Task<Results<Ok<IEnumerable<TypeCountResponse>>, NotFound>> (string slug, EventStore events, CheckInStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.CountsAsync(e.Id)).Select(r => r.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Valid and checked-in tickets per type");

        var staff = app.MapGroup("/api/events/{slug}/check-in-staff").WithTags("Check-in").RequireAuthorization(Policies.EventOrganiser);

        staff.MapGet("", async Task<Results<Ok<IEnumerable<StaffResponse>>, NotFound>> (string slug, EventStore events, CheckInStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.ListStaffAsync(e.Id)).Select(s => s.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Check-in volunteers of the event (organisers)");

        staff.MapPost("", async Task<Results<Ok<StaffResponse>, ValidationProblem, NotFound>> (string slug, StaffInput input, HttpContext http, EventStore events, CheckInStore store) =>
        {
            var v = new Validator();
            var email = v.Required("email", input.Email, 254, "Email");
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await store.AddStaffAsync(e.Id, email!, http.User.RequiredUserId(), v);
            return row is null ? v.Problem() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Appoint a check-in volunteer by the email of their account (organisers)");

        staff.MapDelete("/{userId:long}", async Task<Results<NoContent, NotFound>> (string slug, long userId, EventStore events, CheckInStore store) =>
            await events.FindAsync(slug) is { } e && await store.RemoveStaffAsync(e.Id, userId) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a check-in volunteer (organisers)");
    }
}
