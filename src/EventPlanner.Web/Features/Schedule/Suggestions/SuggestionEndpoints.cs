using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

// Requests: every field nullable so a missing one becomes a field message (or its default), not a binding error.
public sealed record SuggestionInput(string? Mode, bool? MoveReleased, int? TimeLimitSeconds, SuggestionWeightsInput? Weights = null);

/// <summary>A run as organisers follow it: state, progress (objective, bound, elapsed), then the proposal.</summary>
public sealed record SuggestionResponse(
    long Id, string State, string Mode, bool MoveReleased, int TimeLimitSeconds, bool CancelRequested, string? SolverStatus,
    double? BestObjective, double? BestBound, double ElapsedSeconds, int Solutions, bool CanApply, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset? AppliedAt, SuggestionResult? Proposal, SuggestionWeights Weights);

public sealed record SuggestionApplied(long Id, int SessionsWritten, string Message);

public static class SuggestionRules
{
    public const int DefaultSeconds = 20;
    public const int MaxSeconds = 300;

    public static SuggestionValues? Validate(SuggestionInput input, Validator v)
    {
        var mode = input.Mode?.Trim().ToLowerInvariant() is { Length: > 0 } m ? m : SuggestionModes.Gaps;
        if (mode is not (SuggestionModes.Gaps or SuggestionModes.Replan))
            v.Add("mode", "Mode must be \"gaps\" (fill the gaps, keep placed sessions) or \"replan\" (re-plan everything not released).");
        var seconds = v.Range("timeLimitSeconds", input.TimeLimitSeconds ?? DefaultSeconds, 1, MaxSeconds, "Time limit in seconds");
        if (input.MoveReleased == true && mode == SuggestionModes.Gaps)
            v.Add("moveReleased", "Released sessions can only be moved when re-planning everything.");
        var weights = SuggestionWeights.Validate(input.Weights, v);
        return v.HasErrors ? null : new SuggestionValues(mode, input.MoveReleased ?? false, seconds, weights);
    }

    public static SuggestionResponse AsResponse(this SuggestionRow r) => new(r.Id, r.State, r.Mode, r.MoveReleased, r.TimeLimitSeconds, r.CancelRequested,
        r.SolverStatus, r.BestObjective, r.BestBound, r.ElapsedMs / 1000.0, r.Solutions, r.CanApply, r.Error, r.CreatedAt, r.FinishedAt, r.AppliedAt, r.Proposal,
        SuggestionWeights.FromJson(r.Weights));
}

/// <summary>The suggest flow's shared steps, so the pages and the API start and apply runs the same way.</summary>
public sealed class Suggestions(SuggestionStore store, IBackgroundJobClient jobs)
{
    public async Task<SuggestionRow?> StartAsync(EventRow e, long userId, SuggestionValues values, Validator v, CancellationToken ct = default)
    {
        var row = await store.CreateAsync(e.Id, userId, values, ct);
        if (row is null)
        {
            v.Add("", "A suggestion is already being computed for this event: wait for it or stop it first.");
            return null;
        }
        jobs.Enqueue<SuggestionJob>(j => j.RunAsync(row.Id, CancellationToken.None));
        return row;
    }
}

public static class SuggestionEndpoints
{
    public static IServiceCollection AddScheduleSuggestions(this IServiceCollection services)
    {
        services.AddSingleton<SuggestionStore>();
        services.AddSingleton<Suggestions>();
        services.AddTransient<SuggestionJob>();
        return services;
    }

    /// <summary>Under the organisers' schedule group (<c>/api/events/{slug}/schedule</c>, policy EventOrganiser).</summary>
    public static void MapSuggestions(RouteGroupBuilder org)
    {
        org.MapPost("/suggestions", async Task<Results<Accepted<SuggestionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug,
            SuggestionInput input, HttpContext http, EventStore events, Suggestions suggestions) =>
        {
            var v = new Validator();
            var values = SuggestionRules.Validate(input, v);
            if (values is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await suggestions.StartAsync(e, http.User.RequiredUserId(), values, v);
            if (row is null)
                return TypedResults.Problem(v.Errors[""][0], statusCode: StatusCodes.Status409Conflict, title: "A suggestion is already running");
            return TypedResults.Accepted($"/api/events/{slug}/schedule/suggestions/{row.Id}", row.AsResponse());
        }).WithSummary("Start a suggested schedule: the solver runs in the background on the current draft; follow it at the Location (organisers)");

        org.MapGet("/suggestions", async Task<Results<Ok<IEnumerable<SuggestionResponse>>, NotFound>> (string slug, EventStore events, SuggestionStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await store.ListAsync(e.Id)).Select(r => r.AsResponse())) : TypedResults.NotFound())
            .WithSummary("The event's latest suggestion runs, newest first (organisers)");

        org.MapGet("/suggestions/{id:long}", async Task<Results<Ok<SuggestionResponse>, NotFound>> (string slug, long id, EventStore events, SuggestionStore store) =>
            await events.FindAsync(slug) is { } e && await store.FindAsync(e.Id, id) is { } row ? TypedResults.Ok(row.AsResponse()) : TypedResults.NotFound())
            .WithSummary("A suggestion's progress (state, best objective, bound, elapsed) and, once finished, the proposal: changes, unplaced sessions with reasons, score (organisers)");

        org.MapPost("/suggestions/{id:long}/cancel", async Task<Results<Ok<SuggestionResponse>, NotFound, ProblemHttpResult>> (string slug, long id,
            EventStore events, SuggestionStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is not { } row) return TypedResults.NotFound();
            if (!await store.CancelAsync(e.Id, id))
                return TypedResults.Problem("This suggestion is not running any more.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to stop");
            return TypedResults.Ok((await store.FindAsync(e.Id, id))!.AsResponse());
        }).WithSummary("Stop a running suggestion; the best proposal found so far is kept (organisers)");

        org.MapPost("/suggestions/{id:long}/apply", async Task<Results<Ok<SuggestionApplied>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            HttpContext http, EventStore events, SuggestionStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var result = await store.ApplyAsync(e, id, http.User.RequiredUserId());
            return result.ToHttp(written => TypedResults.Ok(new SuggestionApplied(id, written, AppliedMessage(written))));
        }).WithSummary("Write the proposal into the draft schedule in one transaction; 409 when the draft changed since it was computed. The public schedule changes only with a release (organisers)");

        org.MapPost("/suggestions/{id:long}/discard", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (string slug, long id, EventStore events,
            SuggestionStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is null) return TypedResults.NotFound();
            return await store.DiscardAsync(e.Id, id) ? TypedResults.NoContent()
                : TypedResults.Problem("Only a finished suggestion that was not applied can be discarded.", statusCode: StatusCodes.Status409Conflict, title: "Cannot discard");
        }).WithSummary("Discard a finished suggestion (organisers)");
    }

    public static string AppliedMessage(int written) =>
        $"Applied the suggestion to the draft: {written} session{(written == 1 ? "" : "s")} placed or moved. The public schedule changes when you release.";
}
