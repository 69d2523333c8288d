using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Reviews;

public sealed record RankingItem(
    int Rank, long Id, string Title, string State, string ReleasedState, string Track, string SessionType, IReadOnlyList<string> Speakers,
    int Reviews, int Abstentions, double? Total, double? Mean, double? Median, double? Spread, IReadOnlyDictionary<string, double> CriterionAverages,
    int Assigned, string? Confirmation, bool Conflicted);

public sealed record DecisionResult(int Changed);

public sealed record OverviewResponse(int Unreleased, int HeldMails, IReadOnlyList<DecisionLine> Decisions, IReadOnlyList<SlotOfferRow> Offers);

/// <summary>The committee's ranking and decisions (organisers), and the speakers' confirmation (by link or as a speaker).</summary>
public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}").WithTags("Ranking and decisions (organisers)").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("/ranking", async Task<Results<Ok<IEnumerable<RankingItem>>, NotFound>> (string slug, [AsParameters] RankingQueryString query,
            HttpContext http, ReviewAccess access, RankingQuery ranking) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var result = await ranking.LoadAsync(ctx, query.AsFilter(), http.User.RequiredUserId());
            return TypedResults.Ok(result.Rows.Select(r => r.AsItem(ctx)));
        }).WithSummary("The ranking: weighted total (mean or median), median, reviews, spread and per-criterion averages; filter by track, type, state (organisers)");

        org.MapGet("/ranking.csv", async Task<Results<FileContentHttpResult, NotFound>> (string slug, [AsParameters] RankingQueryString query,
            HttpContext http, ReviewAccess access, RankingQuery ranking) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var result = await ranking.LoadAsync(ctx, query.AsFilter(), http.User.RequiredUserId());
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(RankingCsv.Write(result, ctx)), "text/csv; charset=utf-8", $"{slug}-ranking.csv");
        }).WithSummary("The same ranking as CSV (organisers)");

        org.MapGet("/decisions", async Task<Results<Ok<OverviewResponse>, NotFound>> (string slug, ReviewAccess access, DecisionStore decisions,
            ConfirmationStore confirmations) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            await confirmations.ExpireOverdueAsync(ctx);
            var o = await decisions.OverviewAsync(ctx.Event.Id);
            return TypedResults.Ok(new OverviewResponse(o.Unreleased.Count, o.HeldMails, o.Lines, o.Offers));
        }).WithSummary("Decisions not yet released, held decision mails, confirmations and slots offered to the waitlist (organisers)");

        org.MapPost("/decisions", async Task<Results<Ok<DecisionResult>, ValidationProblem, NotFound>> (string slug, DecisionInput input, HttpContext http,
            ReviewAccess access, DecisionStore decisions) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var changed = await decisions.DecideAsync(ctx, input.ProposalIds, input.State, input.IncludeReviewerNotes ?? false, http.User.RequiredUserId(), v);
            return changed is { } n ? TypedResults.Ok(new DecisionResult(n)) : v.Problem();
        }).WithSummary("Decide proposals in bulk (shortlisted, accepted, waitlisted, rejected); each speaker's mail is queued, held until release (organisers)");

        org.MapPost("/decisions/release", async Task<Results<Ok<DecisionResult>, NotFound>> (string slug, ReleaseInput? input, ReviewAccess access,
            DecisionStore decisions) =>
            await access.ForOrganiserAsync(slug) is { } ctx
                ? TypedResults.Ok(new DecisionResult(await decisions.ReleaseAsync(ctx, input?.ProposalIds)))
                : TypedResults.NotFound())
            .WithSummary("Release decisions (the given proposals, or all): speakers see them and their held mails are sent (organisers)");

        org.MapPost("/decisions/offers/{id:long}/confirm", async Task<Results<NoContent, ValidationProblem, NotFound>> (string slug, long id, HttpContext http,
            ReviewAccess access, ConfirmationStore confirmations) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            return await confirmations.ConfirmOfferAsync(ctx, id, http.User.RequiredUserId(), v) ? TypedResults.NoContent() : v.Problem();
        }).WithSummary("One click: accept the waitlisted proposal offered a freed slot, and tell its speakers at once (organisers)");

        org.MapPost("/decisions/offers/{id:long}/dismiss", async Task<Results<NoContent, NotFound>> (string slug, long id, HttpContext http,
            ReviewAccess access, ConfirmationStore confirmations) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await confirmations.DismissOfferAsync(ctx.Event.Id, id, http.User.RequiredUserId())
                ? TypedResults.NoContent()
                : TypedResults.NotFound())
            .WithSummary("Leave a freed slot empty (organisers)");

        // The emailed link works without signing in: the token is the permission. Signed in, a speaker of the proposal needs none.
        var speaker = app.MapGroup("/api/events/{slug}/proposals/{id:long}/confirmation").WithTags("Proposals").AllowAnonymous();

        speaker.MapGet("", async Task<Results<Ok<ConfirmationView>, NotFound>> (string slug, long id, string? token, HttpContext http,
            ReviewAccess access, ConfirmationStore confirmations) =>
            await access.ForOrganiserAsync(slug) is { } ctx && await confirmations.FindAsync(ctx, id, token, http.User.UserId()) is { } view
                ? TypedResults.Ok(view)
                : TypedResults.NotFound())
            .WithSummary("Where an accepted talk's confirmation stands (the link's token, or signed in as one of its speakers)");

        speaker.MapPost("", async Task<Results<Ok<ConfirmationView>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id, ConfirmationInput input,
            HttpContext http, ReviewAccess access, ConfirmationStore confirmations) =>
        {
            if (await access.ForOrganiserAsync(slug) is not { } ctx) return TypedResults.NotFound();
            var v = new Validator();
            var answer = input.Response?.Trim().ToLowerInvariant();
            if (answer is not ("confirm" or "decline"))
            {
                v.Add("response", "Answer \"confirm\" or \"decline\".");
                return v.Problem();
            }
            var outcome = await confirmations.RespondAsync(ctx, id, input.Token, http.User.UserId(), answer == "confirm", v);
            return await outcome.ToHttpAsync(async _ => TypedResults.Ok((await confirmations.FindAsync(ctx, id, input.Token, http.User.UserId()))!));
        }).WithSummary("Confirm or decline an accepted talk by its deadline; a decline offers the slot to the waitlist");

        return app;
    }
}

/// <summary>The ranking's query string, shared by the API and the page.</summary>
public sealed class RankingQueryString
{
    public long? Track { get; set; }
    public long? Type { get; set; }
    public string? State { get; set; }
    public string? Sort { get; set; }

    public RankingFilter AsFilter() => new(Track, Type, State, Sort);
}

public static class RankingMapping
{
    public static RankingItem AsItem(this RankedProposal r, ReviewContext ctx)
    {
        var p = r.Proposal;
        return new RankingItem(r.Rank, p.Id, p.Title, p.State, p.ReleasedState, ctx.TrackName(p.TrackId), ctx.TypeName(p.SessionTypeId), p.SpeakerList,
            r.Summary.Reviews, r.Summary.Abstentions, r.Summary.Total, r.Summary.Mean, r.Summary.Median, r.Summary.Spread,
            ctx.Criteria.Where(c => r.CriterionAverages.ContainsKey(c.Id)).ToDictionary(c => c.Name, c => r.CriterionAverages[c.Id]),
            p.Assigned, Confirmation(p), p.ViewerConflicted);
    }

    public static string? Confirmation(RankingProposalRow p) => p.Response switch
    {
        "confirmed" => "confirmed",
        "declined" => "declined",
        "expired" => "deadline missed",
        _ => p is { State: "accepted", ReleasedState: "accepted", ConfirmBy: not null } ? "awaiting confirmation" : null,
    };
}

public static class RankingCsv
{
    public static string Write(RankingResult result, ReviewContext ctx)
    {
        var csv = new Csv();
        csv.Row(["rank", "id", "title", "state", "released_state", "track", "session_type", "speakers", "reviews", "abstentions", "total", "mean", "median",
            "spread", .. result.Criteria.Select(c => c.Name), "confirmation"]);
        foreach (var r in result.Rows)
        {
            var p = r.Proposal;
            csv.Row([r.Rank.ToString(), p.Id.ToString(), p.Title, p.State, p.ReleasedState, ctx.TrackName(p.TrackId), ctx.TypeName(p.SessionTypeId),
                string.Join("; ", p.SpeakerList), r.Summary.Reviews.ToString(), r.Summary.Abstentions.ToString(), ScoringRules.Format(r.Summary.Total),
                ScoringRules.Format(r.Summary.Mean), ScoringRules.Format(r.Summary.Median), ScoringRules.Format(r.Summary.Spread),
                .. result.Criteria.Select(c => r.CriterionAverages.TryGetValue(c.Id, out var a) ? ScoringRules.Format(a) : ""),
                RankingMapping.Confirmation(p) ?? ""]);
        }
        return csv.ToString();
    }
}
