using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>Direct transfers, the community board, acceptance by link, and the organisers' approvals and audit trail.</summary>
public static class TransfersEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var my = app.MapGroup("/api/my").WithTags("Transfers").RequireAuthorization(Policies.SignedIn);

        my.MapPost("/tickets/{id:long}/transfers", async Task<Results<Created<TransferResponse>, ValidationProblem, NotFound>> (long id, DirectTransferInput input, HttpContext http, TransferStore store) =>
        {
            var v = new Validator();
            var email = TicketRules.ValidateEmail("recipientEmail", input.RecipientEmail, v);
            var name = v.Required("recipientName", input.RecipientName, 100, "Recipient's name");
            var note = v.Optional("note", input.Note, 500, "Note");
            if (v.HasErrors) return v.Problem();
            var row = await store.OfferDirectAsync(http.User.RequiredUserId(), id, email!, name!, note, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Created($"/api/my/transfers/{row.Id}", row.AsResponse());
        }).WithSummary("Offer your ticket to a named person; they get a link to accept (the link is mailed to them only)");

        my.MapPost("/tickets/{id:long}/community-offer", async Task<Results<Created<TransferResponse>, ValidationProblem, NotFound>> (long id, CommunityOfferInput input, HttpContext http, TransferStore store) =>
        {
            var v = new Validator();
            var note = v.Optional("note", input.Note, 500, "Note");
            if (v.HasErrors) return v.Problem();
            var row = await store.OfferToCommunityAsync(http.User.RequiredUserId(), id, note, input.AutoFirst ?? false, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Created($"/api/my/transfers/{row.Id}", row.AsResponse());
        }).WithSummary("Put your ticket on the event's board for others to request (autoFirst: the first request gets it)");

        my.MapGet("/transfers/incoming", async (HttpContext http, TransferStore store) =>
            TypedResults.Ok((await store.IncomingAsync(http.User.RequiredUserId())).Select(x => x.AsResponse())))
            .WithSummary("Tickets offered to you: direct offers to your address and requests of yours that were chosen");

        my.MapGet("/transfers/{id:long}", async Task<Results<Ok<OwnTransferResponse>, NotFound>> (long id, HttpContext http, TransferStore store) =>
            await store.FindOwnAsync(http.User.RequiredUserId(), id) is { } f
                ? TypedResults.Ok(new OwnTransferResponse(f.Transfer.AsResponse(), f.Requests.Select(r => r.AsResponse()).ToList()))
                : TypedResults.NotFound())
            .WithSummary("One of your offers, with the requests made for it");

        my.MapPost("/transfers/{id:long}/cancel", async Task<Results<NoContent, ValidationProblem, NotFound>> (long id, HttpContext http, TransferStore store) =>
        {
            var v = new Validator();
            if (await store.CancelAsync(http.User.RequiredUserId(), id, v)) return TypedResults.NoContent();
            return v.HasErrors ? v.Problem() : TypedResults.NotFound();
        }).WithSummary("Withdraw your offer before it is accepted; both sides are told");

        my.MapPost("/transfers/{id:long}/requests/{requestId:long}/choose", async Task<Results<NoContent, ValidationProblem, NotFound>> (long id, long requestId, HttpContext http, TransferBoardStore store) =>
        {
            var v = new Validator();
            if (await store.ChooseAsync(http.User.RequiredUserId(), id, requestId, v)) return TypedResults.NoContent();
            return v.HasErrors ? v.Problem() : TypedResults.NotFound();
        }).WithSummary("Choose one request for your offered ticket; the requester gets a link to accept");

        var byToken = app.MapGroup("/api/transfers/{token}").WithTags("Transfers").RequireAuthorization(Policies.SignedIn);

        // A direct offer is for the account with the address it was made to (confirmed): anyone else holding the link
        // gets 403 saying so. A board offer's link is the chosen requester's; to anyone else it does not exist (404).
        byToken.MapGet("", async Task<Results<Ok<TransferResponse>, ProblemHttpResult, NotFound>> (string token, HttpContext http, TransferStore store) =>
        {
            if (await store.FindByTokenAsync(token) is not { } x) return TypedResults.NotFound();
            var userId = http.User.RequiredUserId();
            if (x.FromUserId == userId || await store.IsForAsync(x, userId)) return TypedResults.Ok(x.AsResponse());
            return x.Kind == "direct" ? NotForYou(x) : TypedResults.NotFound();
        }).WithSummary("The offer behind an acceptance link (its holder and its recipient only; 403 for another account holding a direct offer's link)");

        byToken.MapPost("/accept", async Task<Results<Ok<AcceptResponse>, ValidationProblem, ProblemHttpResult, NotFound>> (string token, AttendeeInput input, HttpContext http, TransferStore store) =>
        {
            var v = new Validator();
            var attendee = TicketRules.ValidateAttendee(input, v);
            if (attendee is null) return v.Problem();
            var outcome = await store.AcceptAsync(token, http.User.RequiredUserId(), attendee, v);
            if (v.HasErrors) return v.Problem();
            if (outcome == AcceptOutcomes.NotForYou) return NotForYou((await store.FindByTokenAsync(token))!);
            return outcome is null ? TypedResults.NotFound() : TypedResults.Ok(new AcceptResponse(outcome));
        }).WithSummary("Accept the ticket with your attendee answers (a direct offer: only the account with the address it was made to, else 403): it becomes yours with a new secret, or waits for an organiser's approval");

        byToken.MapPost("/decline", async Task<Results<NoContent, ProblemHttpResult, NotFound>> (string token, HttpContext http, TransferStore store) =>
        {
            var userId = http.User.RequiredUserId();
            if (await store.FindByTokenAsync(token) is { Kind: "direct" } x && x.FromUserId != userId && !await store.IsForAsync(x, userId)) return NotForYou(x);
            return await store.DeclineAsync(token, userId) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Decline an offered ticket (a direct offer: only the account with the address it was made to, else 403)");

        var ev = app.MapGroup("/api/events/{slug}").WithTags("Transfers");

        ev.MapGet("/board", async Task<Results<Ok<IEnumerable<TransferResponse>>, NotFound>> (string slug, HttpContext http, TicketEvents events, TransferBoardStore store) =>
            await events.VisibleAsync(http, slug) is { } e
                ? TypedResults.Ok((await store.BoardAsync(e.Id)).Select(x => x.AsResponse() with { FromName = "", RecipientEmail = null, RecipientName = null }))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("Tickets offered to the community on the event's board (holders stay anonymous here)");

        ev.MapPost("/board/{id:long}/requests", async Task<Results<Created<TransferRequestResponse>, ValidationProblem, NotFound>> (string slug, long id, TransferRequestInput input, HttpContext http, TicketEvents events, TransferBoardStore store) =>
        {
            var v = new Validator();
            var message = v.Optional("message", input.Message, 500, "Message");
            if (v.HasErrors) return v.Problem();
            if (await events.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var row = await store.RequestAsync(e.Id, id, http.User.RequiredUserId(), message, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Created($"/api/events/{slug}/board/{id}", row.AsResponse());
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Request a ticket on the board, with a short message to the holder");

        var organisers = ev.MapGroup("").RequireAuthorization(Policies.EventOrganiser);

        organisers.MapGet("/transfers/awaiting-approval", async Task<Results<Ok<IEnumerable<TransferResponse>>, NotFound>> (string slug, EventStore events, TransferApprovalStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.AwaitingApprovalAsync(e.Id)).Select(x => x.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Accepted transfers waiting for an organiser (organisers)");

        organisers.MapPost("/transfers/{id:long}/approve", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long id, HttpContext http, EventStore events, TransferApprovalStore store) =>
        {
            var v = new Validator();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            if (await store.ApproveAsync(e.Id, id, http.User.RequiredUserId(), v)) return TypedResults.NoContent();
            return v.HasErrors ? v.Problem() : TypedResults.NotFound();
        }).WithSummary("Approve an accepted transfer: the ticket changes hands now (organisers)");

        organisers.MapPost("/transfers/{id:long}/refuse", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, TransferApprovalStore store) =>
            await events.FindAsync(slug) is { } e && await store.RefuseAsync(e.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Refuse an accepted transfer; the ticket stays with its holder (organisers)");

        organisers.MapGet("/holder-changes", async Task<Results<Ok<IEnumerable<HolderChangeResponse>>, NotFound>> (string slug, EventStore events, TransferApprovalStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.HolderChangesAsync(e.Id)).Select(h => h.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Every change of ticket holder: who, from, to, when, why, approved by (organisers)");
    }

    private static ProblemHttpResult NotForYou(TransferRow x) =>
        TypedResults.Problem(TicketRules.NotForYou(x.RecipientEmail), statusCode: StatusCodes.Status403Forbidden, title: "This offer is for someone else");
}

public sealed record OwnTransferResponse(TransferResponse Transfer, IReadOnlyList<TransferRequestResponse> Requests);
public sealed record AcceptResponse(string Outcome);
