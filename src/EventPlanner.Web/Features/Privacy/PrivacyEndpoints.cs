using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>Personal data over the API: the same calls as the profile page, the privacy page and its settings page.</summary>
public static class PrivacyEndpoints
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddNotificationKinds(PrivacyNotificationKinds.All);
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<PersonalDataExporter>();
        services.AddSingleton<DataExports>();
        services.AddSingleton<DataExportJob>();
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<RetentionJob>();
        services.AddSingleton<PrivacyNotices>();
        services.AddSingleton<PrivacyAccess>();
        // Last of the removal steps, so the features' own steps have refused or detached first.
        services.AddSingleton<IAccountRemovalStep, PersonalDataEraser>();
        services.AddRecurringJob<RetentionJob>(RetentionJob.JobId, j => j.RunAsync(CancellationToken.None), RetentionJob.Schedule);
        services.AddRecurringJob<DataExportJob>(DataExportJob.SweepId, j => j.SweepAsync(CancellationToken.None), DataExportJob.SweepSchedule);
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/personal-data").WithTags("Personal data").RequireAuthorization(Policies.SignedIn);

        me.MapPost("", async Task<Results<FileContentHttpResult, Accepted<ExportQueuedResponse>, NotFound>> (HttpContext http, DataExports exports) =>
            // Only done or not found (the account went meanwhile), so the answer's union stays that narrow.
            (await exports.RequestAsync(http.User.RequiredUserId(), http.RequestAborted)).Value switch
            {
                DataExports.Export.Ready r => TypedResults.File(r.Json, "application/json", r.FileName),
                DataExports.Export.Queued q => TypedResults.Accepted((string?)null,
                    new ExportQueuedResponse("building", "Your export is large: we are building it and will mail you a download link.", q.ExpiresAt)),
                _ => TypedResults.NotFound(),
            }).WithSummary("Everything the app holds about you as one JSON file; a large export answers 202 and mails you a link when it is ready");

        me.MapGet("/{token}", async Task<Results<PhysicalFileHttpResult, NotFound>> (string token, HttpContext http, DataExports exports) =>
            await exports.OpenAsync(http.User.RequiredUserId(), token, http.RequestAborted) is { } file
                ? TypedResults.PhysicalFile(file.Path, "application/json", file.FileName)
                : TypedResults.NotFound())
            .WithSummary("Download a prepared export through the link from its mail (its owner only, signed in, until the link lapses)");

        var ev = app.MapGroup("/api/events/{slug}/privacy").WithTags("Personal data");

        ev.MapGet("", async Task<Results<Ok<PrivacyNotice>, NotFound>> (string slug, HttpContext http, PrivacyAccess access, PrivacyNotices notices) =>
            await access.VisibleAsync(http, slug) is { } e ? TypedResults.Ok(await notices.ForAsync(e, http.RequestAborted)) : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("The event's privacy notice: what is collected, who sees it, how long it is kept (generated from its settings)");

        var org = ev.MapGroup("/retention").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("", async Task<Results<Ok<RetentionResponse>, NotFound>> (string slug, EventStore events, RetentionStore store) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok(RetentionResponse.From(e, await store.GetAsync(e.Id))) : TypedResults.NotFound())
            .WithSummary("How long after the event its attendee data is kept, and when it will be anonymised (organisers)");

        org.MapPut("", async Task<Results<Ok<RetentionResponse>, ValidationProblem, NotFound>> (string slug, RetentionInput input, EventStore events,
            RetentionStore store) =>
        {
            var v = new Validator();
            if (RetentionRules.ValidateDays(input.RetentionDays, v) is not { } days) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return TypedResults.Ok(RetentionResponse.From(e, await store.SetAsync(e.Id, days)));
        }).WithSummary("Set how many days (0–3650) after the event's last day attendee data is kept; organisers are mailed a week before it is anonymised (organisers)");

        return app;
    }
}

/// <summary>Who may read an event's privacy page: whoever may see the event (a hidden event is 404 to strangers).</summary>
public sealed class PrivacyAccess(EventStore events, EventAccess access) : EventVisibility(events, access);

public sealed record ExportQueuedResponse(string State, string Message, DateTimeOffset LinkValidUntil);

public sealed record RetentionInput(int? RetentionDays);

public sealed record RetentionResponse(int RetentionDays, DateOnly ExpiresOn, DateOnly AnonymiseOn, DateOnly? WarnedOn, DateOnly? AnonymisedOn)
{
    public static RetentionResponse From(EventRow e, RetentionSetting s) =>
        new(s.Days, RetentionRules.ExpiresOn(e.EndsOn, s.Days), RetentionRules.AnonymiseOn(e.EndsOn, s), s.WarnedOn, s.AnonymisedOn);
}
