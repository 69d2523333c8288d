using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>Closing surveys over the API: the same store calls as the pages at /events/{slug}/surveys and /surveys/{token}.</summary>
public static class SurveyEndpoints
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddNotificationKinds(SurveyNotificationKinds.All);
        services.AddSingleton<SurveyStore>();
        services.AddPersonalData<SurveyPersonalData>();
        services.AddSingleton<SurveyInvitations>();
        services.AddSingleton<SurveyAnswers>();
        services.AddSingleton<SurveyResults>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/surveys").WithTags("Surveys").RequireAuthorization(Policies.EventOrganiser);
        MapBuilding(org);
        MapRunning(org);
        MapAnswering(app.MapGroup("/api/surveys/answer").WithTags("Surveys"));
        return app;
    }

    private static ProblemHttpResult Problem(Refusal r) => TypedResults.Problem(r.Detail, statusCode: r.Status, title: r.Title);

    private static void MapBuilding(RouteGroupBuilder org)
    {
        org.MapGet("", async Task<Results<Ok<IEnumerable<SurveyResponse>>, NotFound>> (string slug, EventStore events, SurveyStore store) =>
            await events.FindAsync(slug) is { } e
                ? TypedResults.Ok((await store.ListAsync(e.Id)).Select(s => s.AsResponse([])))
                : TypedResults.NotFound())
            .WithSummary("The event's surveys with their counts (questions not included; read one survey for them) (organisers)");

        org.MapGet("/{id:long}", async Task<Results<Ok<SurveyResponse>, NotFound>> (string slug, long id, EventStore events, SurveyStore store) =>
            await events.FindAsync(slug) is { } e && await store.FindAsync(e.Id, id) is { } found
                ? TypedResults.Ok(found.Survey.AsResponse(found.Questions))
                : TypedResults.NotFound())
            .WithSummary("One survey with its questions (organisers)");

        org.MapPost("", async Task<Results<Created<SurveyResponse>, ValidationProblem, NotFound>> (string slug, SurveyInput input, EventStore events,
            SurveyStore store) =>
        {
            var v = new Validator();
            if (SurveyRules.ValidateSurvey(input, v) is not { } values) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var id = await store.CreateAsync(e.Id, values);
            var found = (await store.FindAsync(e.Id, id))!.Value;
            return TypedResults.Created($"/api/events/{slug}/surveys/{id}", found.Survey.AsResponse(found.Questions));
        }).WithSummary("Create a draft survey: title, introduction, audience (\"all\" ticket holders or \"checked_in\"), whether answers are linked to names (organisers)");

        org.MapPut("/{id:long}", async Task<Results<Ok<SurveyResponse>, ValidationProblem, ProblemHttpResult, NotFound>> (string slug, long id,
            SurveyInput input, EventStore events, SurveyStore store) =>
        {
            var v = new Validator();
            if (SurveyRules.ValidateSurvey(input, v) is not { } values) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            if (await store.UpdateAsync(e.Id, id, values) is { } r) return r.IsNotFound ? TypedResults.NotFound() : Problem(r);
            var found = (await store.FindAsync(e.Id, id))!.Value;
            return TypedResults.Ok(found.Survey.AsResponse(found.Questions));
        }).ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Change a survey's title and introduction; audience and linking only while it is a draft (organisers)");

        org.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, SurveyStore store) =>
            await events.FindAsync(slug) is { } e && await store.DeleteAsync(e.Id, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Delete a survey with its invitations and answers (organisers)");

        org.MapPost("/{id:long}/questions", async Task<Results<Ok<SurveyResponse>, ValidationProblem, ProblemHttpResult, NotFound>> (string slug, long id,
            SurveyQuestionInput input, EventStore events, SurveyStore store) =>
        {
            var v = new Validator();
            if (SurveyRules.ValidateQuestion(input, v) is not { } values) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            if (await store.AddQuestionAsync(e.Id, id, values) is { } r) return r.IsNotFound ? TypedResults.NotFound() : Problem(r);
            var found = (await store.FindAsync(e.Id, id))!.Value;
            return TypedResults.Ok(found.Survey.AsResponse(found.Questions));
        }).ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Add a question (single, multiple with options, scale 1–5, text; required or not) to a draft survey (organisers)");

        org.MapDelete("/{id:long}/questions/{questionId:long}", async Task<Results<NoContent, ProblemHttpResult, NotFound>> (string slug, long id,
            long questionId, EventStore events, SurveyStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            if (await store.DeleteQuestionAsync(e.Id, id, questionId) is { } r) return r.IsNotFound ? TypedResults.NotFound() : Problem(r);
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Remove a question from a draft survey (organisers)");
    }

    private static void MapRunning(RouteGroupBuilder org)
    {
        foreach (var (path, state, summary) in new[]
        {
            ("open", SurveyStates.Open, "Open the survey for answers (it needs a question) (organisers)"),
            ("close", SurveyStates.Closed, "Close the survey: links stop taking answers (organisers)"),
        })
        {
            org.MapPost($"/{{id:long}}/{path}", async Task<Results<Ok<SurveyResponse>, ProblemHttpResult, NotFound>> (string slug, long id, EventStore events,
                SurveyStore store) =>
            {
                if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
                if (await store.SetStateAsync(e.Id, id, state) is { } r) return r.IsNotFound ? TypedResults.NotFound() : Problem(r);
                var found = (await store.FindAsync(e.Id, id))!.Value;
                return TypedResults.Ok(found.Survey.AsResponse(found.Questions));
            }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary(summary);
        }

        org.MapPost("/{id:long}/invitations", async Task<Results<Ok<SurveyInviteResponse>, ProblemHttpResult, NotFound>> (string slug, long id,
            EventStore events, SurveyInvitations invitations) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var (sent, refused) = await invitations.InviteAsync(e, id);
            if (refused is not null) return Problem(refused);
            return sent is null ? TypedResults.NotFound() : TypedResults.Ok(sent);
        }).ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Mail a personal link to every ticket holder in the survey's audience not yet invited (organisers)");

        org.MapGet("/{id:long}/results", async Task<Results<Ok<SurveyResultsResponse>, NotFound>> (string slug, long id, EventStore events,
            SurveyResults results) =>
            await events.FindAsync(slug) is { } e && await results.ReadAsync(e.Id, id) is { } r
                ? TypedResults.Ok(SurveyResults.Summarise(r.Survey, r.Questions, r.Answers))
                : TypedResults.NotFound())
            .WithSummary("Counts per option and per scale value, free-text answers, response rate; names only for a survey linked up front (organisers)");

        org.MapGet("/{id:long}/results.csv", async Task<Results<FileContentHttpResult, NotFound>> (string slug, long id, EventStore events,
            SurveyResults results) =>
            await events.FindAsync(slug) is { } e && await results.ReadAsync(e.Id, id) is { } r
                ? TypedResults.File(SurveyResults.Csv(r.Survey, r.Questions, r.Answers), "text/csv; charset=utf-8", $"{slug}-survey-{id}.csv")
                : TypedResults.NotFound())
            .WithSummary("One row per response as CSV (UTF-8 with a byte-order mark; formula-like cells defused) (organisers)");
    }

    private static void MapAnswering(RouteGroupBuilder byToken)
    {
        byToken.MapGet("/{token}", async Task<Results<Ok<SurveyFormResponse>, NotFound>> (string token, SurveyAnswers answers) =>
            await answers.FindAsync(token) is { } form ? TypedResults.Ok(form) : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("The survey behind your personal link, and whether you may still answer (no login)");

        byToken.MapPost("/{token}", async Task<Results<Ok<SurveyFormResponse>, ValidationProblem, ProblemHttpResult, NotFound>> (string token,
            SurveyResponseInput input, SurveyAnswers answers) =>
        {
            var v = new Validator();
            var (form, refused) = await answers.SubmitAsync(token, input, v);
            if (form is null) return TypedResults.NotFound();
            if (refused is not null) return Problem(refused);
            return v.HasErrors ? v.Problem() : TypedResults.Ok(form);
        }).AllowAnonymous().ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Answer the survey once through your personal link (no login); required questions must be answered");
    }
}
