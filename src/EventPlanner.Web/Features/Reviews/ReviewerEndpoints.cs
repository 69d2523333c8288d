using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The reviewers' API (reviewers and organisers of the event). A proposal the caller may not see (their own, a
/// conflicted one, another track's) answers 404 exactly like one that does not exist. While the phase hides names,
/// nothing here carries a speaker's name, address, affiliation, bio or links.
/// </summary>
public static class ReviewerEndpoints
{
    public static IEndpointRouteBuilder MapReviewerApi(this IEndpointRouteBuilder app)
    {
        var r = app.MapGroup("/api/events/{slug}/review").WithTags("Reviews").RequireAuthorization(Policies.EventReviewer);

        r.MapGet("/queue", async Task<Results<Ok<QueuePage>, NotFound>> (string slug, string? q, string? show, int? page, HttpContext http,
            ReviewAccess access, ReviewerActions actions) =>
            await access.ForReviewerAsync(http, slug) is { } s
                ? TypedResults.Ok(await actions.QueueAsync(s, q, show, page ?? 1))
                : TypedResults.NotFound())
            .WithSummary("Your review queue: assigned proposals first, then the least reviewed; filter with show=todo|done|everything and q (words you can see)");

        r.MapGet("/next", async Task<Results<Ok<NextResponse>, NoContent, NotFound>> (string slug, long? after, HttpContext http,
            ReviewAccess access, ReviewerActions actions) =>
        {
            if (await access.ForReviewerAsync(http, slug) is not { } s) return TypedResults.NotFound();
            return await actions.NextAsync(s, after) is { } id
                ? TypedResults.Ok(new NextResponse(id, $"/events/{slug}/review/{id}"))
                : TypedResults.NoContent();
        }).WithSummary("The next proposal to review: your least-reviewed unreviewed one (assigned first); 204 when none is left");

        r.MapGet("/proposals/{id:long}", async Task<Results<Ok<ReviewerProposalView>, NotFound>> (string slug, long id, HttpContext http,
            ReviewAccess access, ReviewerActions actions) =>
            await access.ForReviewerAsync(http, slug) is { } s && await actions.ProposalAsync(s, id) is { } view
                ? TypedResults.Ok(view)
                : TypedResults.NotFound())
            .WithSummary("A proposal as reviewers see it, with your review and, when the phase allows, the others' (404 for your own or a conflicted one)");

        r.MapPut("/proposals/{id:long}/review", async Task<Results<Ok<ReviewerProposalView>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            ReviewInput input, HttpContext http, ReviewAccess access, ReviewerActions actions) =>
        {
            if (await access.ForReviewerAsync(http, slug) is not { } s) return TypedResults.NotFound();
            var v = new Validator();
            var saved = await actions.SaveAsync(s, id, input, v);
            return await saved.ToHttpAsync(async _ => TypedResults.Ok((await actions.ProposalAsync(s, id))!));
        }).WithSummary("Save your review: a score per criterion (by id), a comment for the committee, an optional note to the speaker; or abstain");

        r.MapPost("/proposals/{id:long}/conflict", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long id, ConflictInput input,
            HttpContext http, ReviewAccess access, ConflictStore conflicts) =>
        {
            if (await access.ForReviewerAsync(http, slug) is not { } s) return TypedResults.NotFound();
            var v = new Validator();
            var found = await conflicts.DeclareOnProposalAsync(s.EventId, s.Reviewer, s.Phase, id, input.Scope, input.Reason, v);
            if (v.HasErrors) return v.Problem();
            return found ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Declare a conflict of interest with this proposal (scope \"proposal\") or with its speakers (\"speakers\": all their proposals)");

        r.MapPost("/conflicts", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, SpeakerConflictInput input, HttpContext http,
            ReviewAccess access, ConflictStore conflicts) =>
        {
            if (await access.ForReviewerAsync(http, slug) is not { } s) return TypedResults.NotFound();
            var v = new Validator();
            return await conflicts.DeclareWithSpeakerAsync(s.EventId, s.Reviewer.UserId, s.Reviewer.UserId, input.Email, input.Reason, v)
                ? TypedResults.NoContent()
                : v.Problem();
        }).WithSummary("Declare a conflict of interest with a person, by their email address: none of their proposals comes to you");

        r.MapGet("/conflicts", async Task<Results<Ok<IEnumerable<MyConflictResponse>>, NotFound>> (string slug, HttpContext http, ReviewAccess access,
            ConflictStore conflicts) =>
            await access.ForReviewerAsync(http, slug) is { } s
                ? TypedResults.Ok((await conflicts.ListAsync(s.EventId, s.Reviewer.UserId)).Select(k => k.AsMine(s.Anonymous)))
                : TypedResults.NotFound())
            .WithSummary("The conflicts of interest you declared (or the organisers recorded for you)");

        r.MapGet("/conflicts/suggestions", async Task<Results<Ok<IEnumerable<SuggestionResponse>>, NotFound>> (string slug, HttpContext http,
            ReviewAccess access, ConflictStore conflicts) =>
            await access.ForReviewerAsync(http, slug) is { } s
                ? TypedResults.Ok((await conflicts.SuggestionsAsync(s.EventId, s.Reviewer.UserId)).Select(k => k.AsResponse(s.Anonymous)))
                : TypedResults.NotFound())
            .WithSummary("Proposals you may have a conflict with: a speaker co-presented with you, or shares your affiliation");

        r.MapGet("/mine.csv", async Task<Results<FileContentHttpResult, NotFound>> (string slug, HttpContext http, ReviewAccess access, ReviewerActions actions) =>
            await access.ForReviewerAsync(http, slug) is { } s
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await actions.MineCsvAsync(s)), "text/csv; charset=utf-8", $"{slug}-my-reviews.csv")
                : TypedResults.NotFound())
            .WithSummary("Your own reviews as CSV");

        return app;
    }
}
