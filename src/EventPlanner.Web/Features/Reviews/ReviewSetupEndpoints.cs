using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>The organisers' set-up: how totals add up, criteria, phases, teams, conflicts and redactions.</summary>
public static class ReviewSetupEndpoints
{
    public static IEndpointRouteBuilder MapReviewSetupApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/review").WithTags("Reviews (organisers)").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("/setup", async Task<Results<Ok<ReviewSetupResponse>, NotFound>> (string slug, ReviewAccess access, TimeProvider clock) =>
            await access.ForOrganiserAsync(slug) is { } ctx ? TypedResults.Ok(ctx.AsSetup(clock.GetUtcNow())) : TypedResults.NotFound())
            .WithSummary("The review set-up: settings, criteria, phases (which one is in force) and reviewer teams (organisers)");

        org.MapPut("/settings", async Task<Results<Ok<ReviewSettingsResponse>, ValidationProblem, NotFound>> (string slug, ReviewSettingsInput input,
            ReviewAccess access, ReviewSetupStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, v);
            return values is null ? v.Problem() : TypedResults.Ok((await store.SaveSettingsAsync(ctx.Event.Id, values)).AsResponse());
        }).WithSummary("Set the total (\"mean\" or \"median\" of the reviews), reviewers per proposal, and days speakers have to confirm (organisers)");

        org.MapPost("/criteria", async Task<Results<Created<CriterionResponse>, ValidationProblem, NotFound>> (string slug, CriterionInput input,
            ReviewAccess access, ReviewSetupStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var row = values is null ? null : await store.AddCriterionAsync(ctx.Event.Id, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/review/criteria/{row.Id}", row.AsResponse());
        }).WithSummary("Add a criterion: name, scale (minScore to maxScore, e.g. 0–3), weight, optionally only for some tracks (organisers)");

        org.MapPut("/criteria/{id:long}", async Task<Results<Ok<CriterionResponse>, ValidationProblem, NotFound>> (string slug, long id, CriterionInput input,
            ReviewAccess access, ReviewSetupStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var row = values is null ? null : await store.UpdateCriterionAsync(ctx.Event.Id, id, values, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Change a criterion (organisers)");

        org.MapDelete("/criteria/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, ReviewAccess access, ReviewSetupStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await store.RemoveCriterionAsync(ctx.Event.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a criterion and its scores (organisers)");

        org.MapPost("/phases", async Task<Results<Created<PhaseResponse>, ValidationProblem, NotFound>> (string slug, PhaseInput input,
            ReviewAccess access, ReviewSetupStore store, TimeProvider clock) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var row = values is null ? null : await store.AddPhaseAsync(ctx.Event.Id, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/review/phases/{row.Id}", row.AsResponse(ctx.Event.Zone, clock.GetUtcNow()));
        }).WithSummary("Add a review phase: local opening and closing times, who reviews (\"assigned\" or \"all\", optionally one team), " +
                       "which proposals (\"submitted\" or \"shortlisted\"), other scores shown (\"always\", \"after_own\", \"never\"), hideSpeakers (organisers)");

        org.MapPut("/phases/{id:long}", async Task<Results<Ok<PhaseResponse>, ValidationProblem, NotFound>> (string slug, long id, PhaseInput input,
            ReviewAccess access, ReviewSetupStore store, TimeProvider clock) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var row = values is null ? null : await store.UpdatePhaseAsync(ctx.Event.Id, id, values, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse(ctx.Event.Zone, clock.GetUtcNow()));
        }).WithSummary("Change a review phase (organisers)");

        org.MapDelete("/phases/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, ReviewAccess access, ReviewSetupStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await store.RemovePhaseAsync(ctx.Event.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a review phase (organisers)");

        org.MapPost("/teams", async Task<Results<Created<TeamResponse>, ValidationProblem, NotFound>> (string slug, TeamInput input,
            ReviewAccess access, ReviewSetupStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var id = values is null ? null : await store.AddTeamAsync(ctx.Event.Id, values, v);
            if (id is null) return v.Problem();
            var team = (await access.ForOrganiserAsync(slug))!.Teams.Single(t => t.Id == id);
            return TypedResults.Created($"/api/events/{slug}/review/teams/{id}", team.AsResponse());
        }).WithSummary("Add a reviewer team, optionally limited to tracks and session types; members by email, already reviewers or organisers (organisers)");

        org.MapPut("/teams/{id:long}", async Task<Results<Ok<TeamResponse>, ValidationProblem, NotFound>> (string slug, long id, TeamInput input,
            ReviewAccess access, ReviewSetupStore store) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = SetupRules.Validate(input, ctx, v);
            var saved = values is null ? null : await store.UpdateTeamAsync(ctx.Event.Id, id, values, v);
            if (v.HasErrors) return v.Problem();
            if (saved is null) return TypedResults.NotFound();
            return TypedResults.Ok((await access.ForOrganiserAsync(slug))!.Teams.Single(t => t.Id == id).AsResponse());
        }).WithSummary("Replace a team's name, limits and members (organisers)");

        org.MapDelete("/teams/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, ReviewAccess access, ReviewSetupStore store) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await store.RemoveTeamAsync(ctx.Event.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a reviewer team (organisers)");

        org.MapGet("/conflicts/all", async Task<Results<Ok<IEnumerable<ConflictResponse>>, NotFound>> (string slug, ReviewAccess access, ConflictStore conflicts) =>
            await access.ForOrganiserAsync(slug) is { } ctx
                ? TypedResults.Ok((await conflicts.ListAsync(ctx.Event.Id)).Select(k => k.AsResponse()))
                : TypedResults.NotFound())
            .WithSummary("Every declared conflict of interest in the event (organisers)");

        org.MapGet("/conflicts/suggestions/all", async Task<Results<Ok<IEnumerable<SuggestionResponse>>, NotFound>> (string slug, ReviewAccess access,
            ConflictStore conflicts) =>
            await access.ForOrganiserAsync(slug) is { } ctx
                ? TypedResults.Ok((await conflicts.SuggestionsAsync(ctx.Event.Id)).Select(k => k.AsResponse(anonymous: false)))
                : TypedResults.NotFound())
            .WithSummary("Possible conflicts nobody declared yet, for every reviewer: co-speakers and same affiliations (organisers)");

        org.MapPost("/conflicts/record", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, RecordConflictInput input, HttpContext http,
            ReviewAccess access, ConflictStore conflicts) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            if (input.ReviewerId is not { } reviewer || input.ProposalId is not { } proposal)
            {
                var v = new Validator();
                v.Add(input.ReviewerId is null ? "reviewerId" : "proposalId", "Name the reviewer and the proposal.");
                return v.Problem();
            }
            var check = new Validator();
            if (await conflicts.RecordForReviewerAsync(ctx.Event.Id, reviewer, proposal, http.User.RequiredUserId(), input.Reason, check)) return TypedResults.NoContent();
            return check.HasErrors ? check.Problem() : TypedResults.NotFound();
        }).WithSummary("Record a conflict of interest for a reviewer on a proposal; their assignment to it is dropped (organisers)");

        org.MapDelete("/conflicts/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, ReviewAccess access, ConflictStore conflicts) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await conflicts.RemoveAsync(ctx.Event.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Lift a conflict of interest declared by mistake (organisers)");

        org.MapGet("/proposals/{id:long}/redaction", async Task<Results<Ok<RedactionResponse>, NotFound>> (string slug, long id, ReviewAccess access,
            ProposalStore proposals, RedactionStore redactions) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx || await proposals.FindAsync(ctx.Event.Id, id) is not { } p) return TypedResults.NotFound();
            return await redactions.FindAsync(id) is { } r ? TypedResults.Ok(r.AsResponse(p.Version)) : TypedResults.NotFound();
        }).WithSummary("The redacted copy reviewers read while names are hidden, and whether the proposal changed since (organisers)");

        org.MapPut("/proposals/{id:long}/redaction", async Task<Results<Ok<RedactionResponse>, ValidationProblem, NotFound>> (string slug, long id,
            RedactionInput input, HttpContext http, ReviewAccess access, ProposalStore proposals, RedactionStore redactions) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx || await proposals.FindAsync(ctx.Event.Id, id) is not { } p) return TypedResults.NotFound();
            var v = new Validator();
            var row = await redactions.SaveAsync(ctx.Event.Id, id, input, http.User.RequiredUserId(), v);
            return row is null ? v.Problem() : TypedResults.Ok(row.AsResponse(p.Version));
        }).WithSummary("Save a redacted title, abstract and description for reviewers (identifying text taken out) (organisers)");

        org.MapDelete("/proposals/{id:long}/redaction", async Task<Results<NoContent, NotFound>> (string slug, long id, ReviewAccess access,
            RedactionStore redactions) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await redactions.RemoveAsync(ctx.Event.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Drop the redacted copy; reviewers read the original again (still with names scrubbed) (organisers)");

        return app;
    }
}
