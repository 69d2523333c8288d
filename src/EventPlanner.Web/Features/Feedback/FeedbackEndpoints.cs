using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>Session feedback over the API: the same store calls as the pages under /events/{slug}/feedback.</summary>
public static class FeedbackEndpoints
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddNotificationKinds(FeedbackNotificationKinds.All);
        services.AddSingleton<FeedbackStore>();
        services.AddPersonalData<FeedbackPersonalData>();
        services.AddSingleton<FeedbackAccess>();
        services.AddSingleton<FeedbackDigestJob>();
        services.AddRecurringJob<FeedbackDigestJob>(FeedbackDigestJob.JobId, j => j.RunAsync(CancellationToken.None), FeedbackDigestJob.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var feedback = app.MapGroup("/api/events/{slug}/feedback").WithTags("Session feedback");
        MapRating(feedback.MapGroup("/sessions").RequireAuthorization(Policies.SignedIn));
        feedback.MapGet("/mine", async Task<Results<Ok<SpeakerFeedbackResponse>, NotFound>> (string slug, HttpContext http, FeedbackAccess access,
            FeedbackStore store, TimeProvider clock) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var closes = FeedbackRules.ClosesAt(e);
            var closed = clock.GetUtcNow() >= closes;
            // Until feedback closes a speaker sees nothing: early ratings would tell them who rated (the first few people they spoke to).
            var sessions = closed ? await store.SummariesAsync(e.Id, http.User.RequiredUserId(), http.RequestAborted) : [];
            return TypedResults.Ok(new SpeakerFeedbackResponse(closes, closed, sessions));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Your own sessions' ratings (a distribution) and comments, without names, once feedback has closed (speakers)");

        var org = feedback.MapGroup("").RequireAuthorization(Policies.EventOrganiser);
        org.MapGet("", async Task<Results<Ok<FeedbackReportResponse>, NotFound>> (string slug, EventStore events, FeedbackStore store, TimeProvider clock) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var sessions = await store.SummariesAsync(e.Id);
            var closes = FeedbackRules.ClosesAt(e);
            return TypedResults.Ok(new FeedbackReportResponse(closes, clock.GetUtcNow() >= closes, sessions.Sum(s => s.Count), sessions,
                FeedbackRules.Rank(sessions)));
        }).WithSummary("Every session's ratings (distribution, mean) and comments, and a ranking per track (organisers)");

        org.MapGet("/settings", async Task<Results<Ok<FeedbackSettingsResponse>, NotFound>> (string slug, EventStore events, FeedbackStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok(await store.SettingsAsync(e)) : TypedResults.NotFound())
            .WithSummary("Whether a valid ticket is enough to rate (online events), and when feedback closes (organisers)");

        org.MapPut("/settings", async Task<Results<Ok<FeedbackSettingsResponse>, ValidationProblem, NotFound>> (string slug, FeedbackSettingsInput input,
            EventStore events, FeedbackStore store) =>
        {
            var v = new Validator();
            if (input.IsRemote is null) { v.Add("isRemote", "Say whether the event is online (true) or in person (false)."); return v.Problem(); }
            return await events.FindAsync(slug) is { } e ? TypedResults.Ok(await store.SetRemoteAsync(e, input.IsRemote.Value)) : TypedResults.NotFound();
        }).WithSummary("Online event: any valid ticket may rate; in person: only checked-in tickets (organisers)");
        return app;
    }

    private static void MapRating(RouteGroupBuilder sessions)
    {
        sessions.MapGet("/{sessionId:long}", async Task<Results<Ok<MyFeedbackResponse>, ProblemHttpResult, NotFound>> (string slug, long sessionId,
            HttpContext http, FeedbackAccess access, FeedbackStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var (mine, why) = await store.ExplainAsync(e, sessionId, http.User.RequiredUserId(), http.RequestAborted);
            // Not on the published schedule: a problem saying so (the same words for a draft, a cancelled or an unknown session).
            return mine is not null ? TypedResults.Ok(mine) : TypedResults.Problem(why!.Detail, statusCode: why.Status, title: why.Title);
        }).ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Your rating of a session, and whether you may give or change it (canRate false: reason says why)");

        sessions.MapPut("/{sessionId:long}", async Task<Results<Ok<MyFeedbackResponse>, ValidationProblem, ProblemHttpResult, NotFound>> (string slug,
            long sessionId, FeedbackInput input, HttpContext http, FeedbackAccess access, FeedbackStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (FeedbackRules.Validate(input, v) is not { } values) return v.Problem();
            var (saved, refused) = await store.RateAsync(e, sessionId, http.User.RequiredUserId(), values, http.RequestAborted);
            if (refused is not null) return TypedResults.Problem(refused.Detail, statusCode: refused.Status, title: refused.Title);
            return saved is null ? TypedResults.NotFound() : TypedResults.Ok(saved);
        }).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
          .WithSummary("Rate a session of the published schedule (1–5) with an optional comment, once it has started; change it for a week (checked-in ticket holders; speakers never see your name)");
    }
}

/// <summary>Hidden events do not exist for strangers (404); rating needs a ticket, checked by the store.</summary>
public sealed class FeedbackAccess(EventStore events, EventAccess access) : EventVisibility(events, access);
