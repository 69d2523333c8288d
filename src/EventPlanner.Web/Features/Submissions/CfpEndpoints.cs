using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>The call itself: public read, and the organisers' settings, session types, questions and access codes.</summary>
public static class CfpEndpoints
{
    public static IEndpointRouteBuilder MapCfpApi(this IEndpointRouteBuilder app)
    {
        var cfp = app.MapGroup("/api/events/{slug}/cfp").WithTags("Call for papers");

        cfp.MapGet("", async Task<Results<Ok<CfpResponse>, NotFound>> (string slug, EventStore events, CfpStore store, TimeProvider clock) =>
            await store.ContextAsync(events, slug) is { Event.IsPublic: true } ctx
                ? TypedResults.Ok(ctx.AsResponse(clock.GetUtcNow(), everything: false))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("The public call for papers: text, dates in the event's zone, open session types, tracks and questions");

        var org = cfp.MapGroup("").RequireAuthorization(Policies.EventOrganiser);

        org.MapPut("", async Task<Results<Ok<CfpResponse>, ValidationProblem, NotFound>> (string slug, CfpSettingsInput input, EventStore events, CfpStore store, TimeProvider clock) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, e.Zone, v);
            if (values is null) return v.Problem();
            await store.SaveSettingsAsync(e.Id, values);
            return TypedResults.Ok((await store.LoadContextAsync(e)).AsResponse(clock.GetUtcNow(), everything: true));
        }).WithSummary("Set the call's opening and closing times (local to the event's zone, yyyy-MM-ddTHH:mm) and text (organisers)");

        org.MapGet("/session-types", async Task<Results<Ok<IEnumerable<SessionTypeResponse>>, NotFound>> (string slug, EventStore events, CfpStore store) =>
            await store.ContextAsync(events, slug) is { } ctx
                ? TypedResults.Ok(ctx.Types.Select(t => t.AsResponse(ctx.Event.Zone)))
                : TypedResults.NotFound())
            .WithSummary("All session types, including hidden and disabled ones (organisers)");

        org.MapPost("/session-types", async Task<Results<Created<SessionTypeResponse>, ValidationProblem, NotFound>> (string slug, SessionTypeInput input, EventStore events, CfpStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, e.Zone, v);
            var row = values is null ? null : await store.AddTypeAsync(e.Id, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/cfp/session-types/{row.Id}", row.AsResponse(e.Zone));
        }).WithSummary("Add a session type with its durations, own deadline, late switch and speaker cap (organisers)");

        org.MapPut("/session-types/{id:long}", async Task<Results<Ok<SessionTypeResponse>, ValidationProblem, NotFound>> (string slug, long id, SessionTypeInput input, EventStore events, CfpStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, e.Zone, v);
            var row = values is null ? null : await store.UpdateTypeAsync(e.Id, id, values, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse(e.Zone));
        }).WithSummary("Rename, re-time, enable or disable a session type (organisers)");

        org.MapGet("/questions", async Task<Results<Ok<IEnumerable<QuestionResponse>>, NotFound>> (string slug, EventStore events, CfpStore store) =>
            await store.ContextAsync(events, slug) is { } ctx ? TypedResults.Ok(ctx.Questions.Select(q => q.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Custom questions, active or not (organisers)");

        org.MapPost("/questions", async Task<Results<Created<QuestionResponse>, ValidationProblem, NotFound>> (string slug, QuestionInput input, EventStore events, CfpStore store) =>
        {
            if (await store.ContextAsync(events, slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, v);
            var row = values is null ? null : await store.AddQuestionAsync(ctx, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/cfp/questions/{row.Id}", row.AsResponse());
        }).WithSummary("Add a custom question for proposals or speakers, optionally required or limited to tracks or types (organisers)");

        org.MapPut("/questions/{id:long}", async Task<Results<Ok<QuestionResponse>, ValidationProblem, NotFound>> (string slug, long id, QuestionInput input, EventStore events, CfpStore store) =>
        {
            if (await store.ContextAsync(events, slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, v);
            var row = values is null ? null : await store.UpdateQuestionAsync(ctx, id, values, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).WithSummary("Change or deactivate a custom question (organisers)");

        org.MapGet("/access-codes", async Task<Results<Ok<IEnumerable<AccessCodeResponse>>, NotFound>> (string slug, EventStore events, AccessCodeStore codes) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await codes.ListAsync(e.Id)).Select(a => a.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Access codes with their use counts (organisers)");

        org.MapPost("/access-codes", async Task<Results<Created<AccessCodeResponse>, ValidationProblem, NotFound>> (string slug, AccessCodeInput input, EventStore events, CfpStore store, AccessCodeStore codes) =>
        {
            if (await store.ContextAsync(events, slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var values = CfpRules.Validate(input, ctx.Event.Zone, v);
            var row = values is null ? null : await codes.AddAsync(ctx, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/cfp/access-codes/{row.Id}", row.AsResponse());
        }).WithSummary("Create an access code for late submission or for a hidden session type, with expiry and a use limit (organisers)");

        org.MapDelete("/access-codes/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, AccessCodeStore codes) =>
            await events.FindAsync(slug) is { } e && await codes.DeleteAsync(e.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Delete an access code (organisers)");

        return app;
    }
}
