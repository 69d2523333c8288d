using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Submissions;

public sealed record SubmitInput(string? AccessCode);

/// <summary>
/// The speakers' side of proposals. Every route is for signed-in users, and each proposal is loaded
/// through <see cref="ProposalAccess"/>: somebody who is not one of its speakers gets 404.
/// </summary>
public static class ProposalEndpoints
{
    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapGroup("/api/events/{slug}/proposals").WithTags("Proposals");
        var mine = proposals.MapGroup("").RequireAuthorization(Policies.SignedIn);

        mine.MapGet("/mine", async Task<Results<Ok<IEnumerable<MyProposalResponse>>, NotFound>> (string slug, HttpContext http, ProposalAccess access) =>
            await access.MineAsync(http, slug) is { } own
                ? TypedResults.Ok(own.Proposals.Select(p => p.AsResponse()))
                : TypedResults.NotFound())
            .WithSummary("Your proposals for this event, each with the state the organisers have released");

        mine.MapPost("", async Task<Results<Created<ProposalResponse>, ValidationProblem, NotFound>> (string slug, ProposalInput input, HttpContext http,
            EventStore events, CfpStore cfp, ProposalStore store, ProposalActions actions, TimeProvider clock) =>
        {
            // A hidden event's call is not open to anyone, whoever knows its slug: the same 404 as its call page.
            if (await cfp.ContextAsync(events, slug) is not { Event.IsPublic: true } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var row = await actions.CreateAsync(ctx, http.User.RequiredUserId(), input, v);
            if (row is null) return v.Problem();
            var detail = await store.LoadDetailAsync(row.Id);
            return TypedResults.Created($"/api/events/{slug}/proposals/{row.Id}", detail!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("Create a proposal as a draft, or submit it at once with \"submit\": true (deadline and required questions apply)");

        mine.MapGet("/{id:long}", async Task<Results<Ok<ProposalResponse>, NotFound>> (string slug, long id, HttpContext http,
            ProposalAccess access, CfpStore cfp, ProposalStore store, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var ctx = await cfp.LoadContextAsync(scope.Event);
            var detail = await store.LoadDetailAsync(id);
            return TypedResults.Ok(detail!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("One of your proposals (404 unless you are one of its speakers)");

        mine.MapPut("/{id:long}", async Task<Results<Ok<ProposalResponse>, ValidationProblem, NotFound>> (string slug, long id, ProposalInput input, HttpContext http,
            ProposalAccess access, CfpStore cfp, ProposalStore store, ProposalActions actions, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var ctx = await cfp.LoadContextAsync(scope.Event);
            var v = new Validator();
            var row = await actions.UpdateAsync(ctx, scope.Proposal, scope.UserId, input, v);
            if (row is null) return v.Problem();
            return TypedResults.Ok((await store.LoadDetailAsync(id))!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("Edit your proposal while its deadline (or your access code) allows; \"submit\": true also submits a draft");

        mine.MapPost("/{id:long}/submit", async Task<Results<Ok<ProposalResponse>, ValidationProblem, NotFound>> (string slug, long id, SubmitInput? input, HttpContext http,
            ProposalAccess access, CfpStore cfp, ProposalStore store, ProposalActions actions, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var ctx = await cfp.LoadContextAsync(scope.Event);
            var v = new Validator();
            var row = await actions.SubmitAsync(ctx, id, scope.UserId, input?.AccessCode, v);
            if (row is null) return v.Problem();
            return TypedResults.Ok((await store.LoadDetailAsync(id))!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("Submit a draft; an access code lets it in after the deadline");

        mine.MapPost("/{id:long}/withdraw", async Task<Results<Ok<ProposalResponse>, ValidationProblem, NotFound>> (string slug, long id, HttpContext http,
            ProposalAccess access, CfpStore cfp, ProposalStore store, ProposalActions actions, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var ctx = await cfp.LoadContextAsync(scope.Event);
            var v = new Validator();
            var row = await actions.WithdrawAsync(ctx, id, scope.UserId, v);
            if (row is null) return v.Problem();
            return TypedResults.Ok((await store.LoadDetailAsync(id))!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("Withdraw your proposal (possible until it is accepted and confirmed)");

        return app;
    }
}
