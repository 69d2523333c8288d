using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Social;

/// <summary>Social events over the API: the same store calls as the pages at /events/{slug}/social and /invitations/social/{token}.</summary>
public static class SocialEndpoints
{
    public static IServiceCollection AddSocial(this IServiceCollection services)
    {
        services.AddNotificationKinds(SocialNotificationKinds.All);
        services.AddSingleton<SocialPersonalData>();
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<SocialPersonalData>());
        services.AddSingleton<IEventRetentionContributor>(sp => sp.GetRequiredService<SocialPersonalData>());
        services.AddSingleton<SocialStore>();
        services.AddSingleton<SocialAccess>();
        services.AddSingleton<SocialInvitations>();
        services.AddSingleton<SocialRsvps>();
        services.AddSingleton<SocialReminderJob>();
        services.AddSingleton<IAgendaFeedContributor, SocialAgendaFeed>();
        services.AddRecurringJob<SocialReminderJob>(SocialReminderJob.JobId, j => j.RunAsync(CancellationToken.None), SocialReminderJob.Schedule);
        return services;
    }

    public static IEndpointRouteBuilder MapSocialApi(this IEndpointRouteBuilder app)
    {
        var social = app.MapGroup("/api/events/{slug}/social").WithTags("Social events");
        MapReading(social);
        MapOrganising(social.MapGroup("").RequireAuthorization(Policies.EventOrganiser));
        MapAnswering(app.MapGroup("/api/invitations/social").WithTags("Social events"), social);
        return app;
    }

    private static void MapReading(RouteGroupBuilder social)
    {
        social.MapGet("", async Task<Results<Ok<IEnumerable<SocialEventResponse>>, NotFound>> (string slug, HttpContext http, SocialAccess access, SocialStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var organiser = await access.IsOrganiserAsync(http, slug);
            return TypedResults.Ok((await store.ListAsync(e.Id, publicOnly: !organiser)).Select(s => s.AsResponse(e.Zone)));
        }).AllowAnonymous().WithSummary("The event's public social events (organisers: all of them)");

        social.MapGet("/{id:long}", async Task<Results<Ok<SocialEventResponse>, NotFound>> (string slug, long id, HttpContext http, SocialAccess access, SocialStore store) =>
            await access.VisibleAsync(http, slug) is { } e && await store.FindAsync(e.Id, id) is { } s && await access.MaySeeAsync(http, e, s)
                ? TypedResults.Ok(s.AsResponse(e.Zone))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("One social event: public ones for anyone, open ones for the signed in, others for invitees and organisers");
    }

    private static void MapOrganising(RouteGroupBuilder org)
    {
        org.MapPost("", async Task<Results<Created<SocialEventResponse>, ValidationProblem, NotFound>> (string slug, SocialEventInput input, EventStore events,
            SocialStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (SocialRules.ValidateEvent(input, e, v) is not { } values) return v.Problem();
            var row = await store.CreateAsync(e, values);
            return TypedResults.Created($"/api/events/{slug}/social/{row.Id}", row.AsResponse(e.Zone));
        }).WithSummary("Create a social event (title, place, local date and times, capacity in people, guests per invitee, open, public) (organisers)");

        org.MapPut("/{id:long}", async Task<Results<Ok<SocialEventResponse>, ValidationProblem, NotFound>> (string slug, long id, SocialEventInput input,
            EventStore events, SocialStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (SocialRules.ValidateEvent(input, e, v) is not { } values) return v.Problem();
            var row = await store.UpdateAsync(e, id, values, v);
            return row is null ? TypedResults.NotFound() : v.HasErrors ? v.Problem() : TypedResults.Ok(row.AsResponse(e.Zone));
        }).WithSummary("Change a social event; more capacity seats the waiting list in order; a new place or time is mailed to those coming or waiting (organisers)");

        org.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, SocialStore store) =>
            await events.FindAsync(slug) is { } e && await store.DeleteAsync(e, id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Cancel and delete a social event with its invitations and replies; those coming or waiting are told by mail (organisers)");

        org.MapPost("/{id:long}/invitations", async Task<Results<Ok<SocialInviteResponse>, ValidationProblem, NotFound>> (string slug, long id,
            SocialInviteInput input, EventStore events, SocialInvitations invitations) =>
        {
            var v = new Validator();
            if (SocialRules.ValidateInvite(input, v) is not { } values) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return await invitations.InviteAsync(e, id, values) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();
        }).WithSummary("Invite groups (\"speakers\": confirmed speakers, \"team\") and hand-picked addresses by mail with personal RSVP links; nobody is invited twice (organisers)");

        org.MapGet("/{id:long}/guests", async Task<Results<Ok<SocialListResponse>, NotFound>> (string slug, long id, EventStore events, SocialStore store,
            SocialInvitations invitations) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is not { } s) return TypedResults.NotFound();
            var list = await invitations.ListAsync(s.Id);
            var rows = list.Select(x => x.Row).ToList();
            return TypedResults.Ok(new SocialListResponse(s.AsResponse(e.Zone), SocialReport.Totals(s, rows), SocialReport.Dietary(rows),
                list.Select(x => x.Row.AsGuest(x.Position)).ToList()));
        }).WithSummary("Everyone invited with their reply, guests, dietary and accessibility needs, and totals per reply and dietary need (organisers)");

        org.MapGet("/{id:long}/guests.csv", async Task<Results<FileContentHttpResult, NotFound>> (string slug, long id, EventStore events, SocialStore store,
            SocialInvitations invitations) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is not { } s) return TypedResults.NotFound();
            return TypedResults.File(SocialReport.Csv(await invitations.ListAsync(s.Id)), "text/csv; charset=utf-8", $"{slug}-social-{s.Id}-guests.csv");
        }).WithSummary("The guest list as CSV for the venue (UTF-8; cells that a spreadsheet would run as formulas are defused) (organisers)");
    }

    private static void MapAnswering(RouteGroupBuilder byToken, RouteGroupBuilder social)
    {
        byToken.MapGet("/{token}", async Task<Results<Ok<SocialRsvpResponse>, NotFound>> (string token, SocialRsvps rsvps) =>
            await rsvps.FindAsync(token) is { } view ? TypedResults.Ok(AsResponse(view)) : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("Your invitation and answer, through the personal link from the invitation mail (no login)");

        byToken.MapPut("/{token}", async Task<Results<Ok<SocialRsvpResponse>, ValidationProblem, NotFound>> (string token, SocialRsvpInput input, SocialRsvps rsvps) =>
        {
            var v = new Validator();
            if (await rsvps.RespondAsync(token, input, v) is not { } view) return TypedResults.NotFound();
            return v.HasErrors ? v.Problem() : TypedResults.Ok(AsResponse(view));
        }).AllowAnonymous().WithSummary("Answer (or change your answer): attending yes/no, guests where allowed, dietary and accessibility needs (only organisers see them); when full, a yes joins the waiting list");

        social.MapPost("/{id:long}/rsvp", async Task<Results<Ok<SocialRsvpResponse>, ValidationProblem, NotFound>> (string slug, long id, SocialRsvpInput input,
            HttpContext http, SocialAccess access, SocialStore store, SocialInvitations invitations, SocialRsvps rsvps) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e || await store.FindAsync(e.Id, id) is not { } s || !await access.MaySeeAsync(http, e, s))
                return TypedResults.NotFound();
            // Checked before an invitation is made for the caller, so refused input leaves nothing behind.
            var v = new Validator();
            if (SocialRules.ValidateRsvp(input, s.MaxGuests, v) is null) return v.Problem();
            if (await invitations.OwnTokenAsync(e, id, http.User.RequiredUserId()) is not { } token)
            {
                v.Add("attending", "This social event is by invitation only.");
                return v.Problem();
            }
            var view = await rsvps.RespondAsync(token, input, v);
            return v.HasErrors ? v.Problem() : TypedResults.Ok(AsResponse(view!));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Answer as yourself: for an open social event, or one you were invited to by account");
    }

    private static SocialRsvpResponse AsResponse(SocialRsvpView view) =>
        new(view.Event.Name, view.Social.AsResponse(view.Event.Zone), view.Invitation.Name, view.Invitation.State, view.Invitation.Guests,
            view.Invitation.Dietary, view.Invitation.Accessibility, view.WaitingPosition);
}
