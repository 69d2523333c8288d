using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Reviews;

public sealed record AssignmentResponse(long ProposalId, string Title, long ReviewerId, string Reviewer, bool Automatic, bool Reviewed);

public sealed record ReviewerLoadResponse(long ReviewerId, string Name, string Email, string Role, int Assigned, int Reviewed);

/// <summary>Assigning proposals to reviewers, by hand or automatically (organisers).</summary>
public static class AssignmentEndpoints
{
    public static IEndpointRouteBuilder MapAssignmentApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/review/assignments").WithTags("Reviews (organisers)").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("", async Task<Results<Ok<IEnumerable<AssignmentResponse>>, NotFound>> (string slug, ReviewAccess access, AssignmentStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx
                ? TypedResults.Ok((await store.ListAsync(ctx.Event.Id)).Select(a => new AssignmentResponse(a.ProposalId, a.Title, a.UserId, a.ReviewerName, a.IsAutomatic, a.Reviewed)))
                : TypedResults.NotFound())
            .WithSummary("Every assignment, with whether the reviewer has reviewed it (organisers)");

        org.MapGet("/loads", async Task<Results<Ok<IEnumerable<ReviewerLoadResponse>>, NotFound>> (string slug, ReviewAccess access, AssignmentStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx
                ? TypedResults.Ok((await store.LoadsAsync(ctx.Event.Id)).Select(l => new ReviewerLoadResponse(l.UserId, l.Name, l.Email, l.Role, l.Assigned, l.Reviewed)))
                : TypedResults.NotFound())
            .WithSummary("Each reviewer's number of assigned and reviewed proposals (organisers)");

        org.MapPost("", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, AssignmentInput input, HttpContext http,
            ReviewAccess access, AssignmentStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            if (input.ProposalId is null) v.Add("proposalId", "Name the proposal.");
            if (input.ReviewerId is null) v.Add("reviewerId", "Name the reviewer.");
            if (v.HasErrors) return v.Problem();
            return await store.AssignAsync(ctx.Event.Id, input.ProposalId!.Value, input.ReviewerId!.Value, http.User.RequiredUserId(), v)
                ? TypedResults.NoContent()
                : v.Problem();
        }).WithSummary("Assign a proposal to a reviewer by hand; refused when they speak on it, declared a conflict, or review other tracks (organisers)");

        org.MapDelete("/{proposalId:long}/{reviewerId:long}", async Task<Results<NoContent, NotFound>> (string slug, long proposalId, long reviewerId,
            ReviewAccess access, AssignmentStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await store.UnassignAsync(ctx.Event.Id, proposalId, reviewerId)
                ? TypedResults.NoContent()
                : TypedResults.NotFound())
            .WithSummary("Take a proposal off a reviewer's queue (their review, if any, stays) (organisers)");

        org.MapPost("/auto", async Task<Results<Ok<AutoAssignResult>, ValidationProblem, NotFound>> (string slug, AutoAssignInput input, HttpContext http,
            ReviewAccess access, AssignmentStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var per = v.Range("perProposal", input.PerProposal ?? ctx.Settings.ReviewersPerProposal, 1, 20, "Reviewers per proposal");
            var scope = string.IsNullOrWhiteSpace(input.ProposalStates) ? PhaseRules.SubmittedProposals : input.ProposalStates.Trim().ToLowerInvariant();
            if (!PhaseRules.ProposalScopes.Contains(scope)) v.Add("proposalStates", "Assign the \"submitted\" proposals or the \"shortlisted\" ones.");
            if (input.TeamId is { } team && ctx.Teams.All(t => t.Id != team)) v.Add("teamId", "That team does not exist in this event.");
            if (v.HasErrors) return v.Problem();
            return TypedResults.Ok(await store.AutoAssignAsync(ctx.Event.Id, per, PhaseRules.StatesFor(scope), input.TeamId,
                input.Seed ?? (int)ctx.Event.Id, http.User.RequiredUserId()));
        }).WithSummary("Assign automatically: every proposal gets N eligible reviewers (track limits and conflicts respected), loads differing by at most one (organisers)");

        return app;
    }
}
