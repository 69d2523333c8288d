using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Tickets;

public sealed record AttendeeResponse(long TicketId, string HolderName, string BadgeName, string Email, long TicketTypeId, string TicketType,
    string State, bool Transferred, DateTimeOffset RegisteredAt, DateTimeOffset? CheckedInAt);

public sealed record AttendeePageResponse(int Total, int Page, int PageCount, int PageSize, IReadOnlyList<AttendeeResponse> Attendees);

/// <summary>What the desk sees of a match: enough to pick the right person, not the attendee list (no full email).</summary>
public sealed record DeskMatchResponse(long TicketId, string Name, string BadgeName, string EmailHint, string TicketType, string State, DateTimeOffset? CheckedInAt);

public sealed record DeskSearchResponse(IReadOnlyList<DeskMatchResponse> Matches, bool More);

/// <summary>Finding people: the organisers' attendee list and its CSV, and the check-in desk's search by name.</summary>
public static class AttendeeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/attendees").WithTags("Attendees").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("", async Task<Results<Ok<AttendeePageResponse>, ValidationProblem, NotFound>> (string slug, string? q, long? type, string? state, int? page,
            EventStore events, AttendeeList list) =>
        {
            var v = new Validator();
            var filter = AttendeeRules.ReadFilter(q, type, state, v);
            var number = AttendeeRules.ReadPage(page, v);
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var p = await list.PageAsync(e.Id, filter, number);
            return TypedResults.Ok(new AttendeePageResponse(p.Total, p.Page, p.PageCount, AttendeeRules.PageSize, p.Rows.Select(r => r.AsResponse()).ToList()));
        }).WithSummary($"One row per ticket: search by name, badge name or email (case and accents aside), filter by ticket type and state ({string.Join(", ", AttendeeStates.All)}); {AttendeeRules.PageSize} a page, by name (organisers)");

        org.MapGet("/export.csv", async Task<Results<FileContentHttpResult, ValidationProblem, NotFound>> (string slug, string? q, long? type, string? state,
            EventStore events, AttendeeList list) =>
        {
            var v = new Validator();
            var filter = AttendeeRules.ReadFilter(q, type, state, v);
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return TypedResults.File(AttendeeList.Csv(await list.QueryAsync(e.Id, filter), e.Zone), "text/csv; charset=utf-8", $"{slug}-attendees.csv");
        }).WithSummary("The same list as CSV with the same filters, every page (UTF-8 with BOM; cells a spreadsheet would run as formulas are defused) (organisers)");

        var desk = app.MapGroup("/api/events/{slug}/check-in").WithTags("Check-in").RequireAuthorization(TicketPolicies.EventCheckIn);

        desk.MapGet("/search", async Task<Results<Ok<DeskSearchResponse>, ValidationProblem, NotFound>> (string slug, string? q, EventStore events, AttendeeList list) =>
        {
            var v = new Validator();
            var query = AttendeeRules.ReadDeskQuery(q, v);
            if (query is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var found = await list.DeskSearchAsync(e.Id, query);
            return TypedResults.Ok(new DeskSearchResponse(found.Take(AttendeeRules.DeskMaxMatches).Select(r => r.AsDeskMatch()).ToList(),
                found.Count > AttendeeRules.DeskMaxMatches));
        }).WithSummary($"Valid tickets whose holder's name or badge name holds q (at least {AttendeeRules.DeskMinQueryLength} characters), or whose email starts with q when it has an @; at most {AttendeeRules.DeskMaxMatches}, with only a hint of the email");

        desk.MapPost("/tickets/{ticketId:long}", async Task<Results<Ok<CheckInResponse>, Conflict<CheckInResponse>, NotFound>> (string slug, long ticketId,
            HttpContext http, EventStore events, CheckInStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.CheckInTicketAsync(e.Id, ticketId, http.User.RequiredUserId()) is not { } result)
                return TypedResults.NotFound();
            var response = result.AsResponse(e.TimeZone);
            return result.Outcome == CheckInOutcomes.Accepted ? TypedResults.Ok(response) : TypedResults.Conflict(response);
        }).WithSummary("Check in the ticket found by name: the same rules as a code (200 when admitted, 409 with the reason: already in, cancelled, revoked, pending)");
    }

    public static AttendeeResponse AsResponse(this AttendeeRow r) =>
        new(r.TicketId, r.HolderName, r.BadgeName, r.Email, r.TicketTypeId, r.TypeName, r.State, r.Transferred, r.RegisteredAt, r.CheckedInAt);

    public static DeskMatchResponse AsDeskMatch(this AttendeeRow r) =>
        new(r.TicketId, r.HolderName, r.BadgeName, AttendeeRules.EmailHint(r.Email), r.TypeName, r.State, r.CheckedInAt);
}
