using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Submissions;

public sealed record InviteInput(string? Email);
public sealed record InvitationAnswerInput(string? Token);
public sealed record InvitationAnswerResponse(long ProposalId, string Response);
public sealed record CopyInput(string? TargetEvent, long? SessionTypeId);

/// <summary>Speaker profiles, co-speaker invitations, copying a proposal to another event, and photos.</summary>
public static class SpeakerEndpoints
{
    public static IEndpointRouteBuilder MapSpeakerApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/me/speaker-profile").WithTags("Speaker profile").RequireAuthorization(Policies.SignedIn);

        profile.MapGet("", async Task<Results<Ok<SpeakerProfileResponse>, NotFound>> (HttpContext http, SpeakerProfileStore store) =>
            await store.FindAsync(http.User.RequiredUserId()) is { } p ? TypedResults.Ok(AsResponse(p)) : TypedResults.NotFound())
            .WithSummary("Your speaker profile, shared by all your proposals in every event");

        profile.MapPut("", async Task<Results<Ok<SpeakerProfileResponse>, ValidationProblem>> (SpeakerProfileInput input, HttpContext http, SpeakerProfileStore store) =>
        {
            var v = new Validator();
            var values = SpeakerProfileRules.Validate(input, v);
            if (values is null) return v.Problem();
            return TypedResults.Ok(AsResponse(await store.SaveAsync(http.User.RequiredUserId(), values)));
        }).WithSummary("Create or update your speaker profile (bio in Markdown; photos are uploaded on the profile page)");

        app.MapGet("/speaker-photos/{name}", Results<PhysicalFileHttpResult, NotFound> (string name, SpeakerPhotos photos) =>
            photos.Find(name) is { } file ? TypedResults.PhysicalFile(file.Path, file.ContentType) : TypedResults.NotFound())
            .AllowAnonymous().ExcludeFromDescription();

        var proposals = app.MapGroup("/api/events/{slug}/proposals/{id:long}").WithTags("Proposals").RequireAuthorization(Policies.SignedIn);

        proposals.MapPost("/co-speakers", async Task<Results<Created<InvitationResponse>, ValidationProblem, NotFound>> (string slug, long id, InviteInput input,
            HttpContext http, ProposalAccess access, CoSpeakerActions actions, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var v = new Validator();
            var row = await actions.InviteAsync(scope, http.User.DisplayNameOf(), input.Email, v);
            if (row is null) return v.Problem();
            return TypedResults.Created($"/api/events/{slug}/proposals/{id}",
                new InvitationResponse(row.Id, row.Email, row.ExpiresAt, SubmissionMapping.InvitationStatus(row, clock.GetUtcNow())));
        }).WithSummary("Invite a co-speaker by email; they get a one-time link that works only for that address");

        proposals.MapPost("/copy", async Task<Results<Created<ProposalResponse>, ValidationProblem, NotFound>> (string slug, long id, CopyInput input,
            HttpContext http, ProposalAccess access, EventStore events, CfpStore cfp, ProposalStore store, CoSpeakerActions actions, TimeProvider clock) =>
        {
            if (await access.ForSpeakerAsync(http.User, slug, id) is not { } scope) return TypedResults.NotFound();
            var v = new Validator();
            var target = string.IsNullOrWhiteSpace(input.TargetEvent) ? null : await cfp.ContextAsync(events, input.TargetEvent.Trim());
            if (target is null || target.Event.Id == scope.Event.Id)
            {
                v.Add("targetEvent", "Name another event (by its slug) whose call for papers is open.");
                return v.Problem();
            }
            var row = await actions.CopyAsync(scope, target, input.SessionTypeId, v);
            if (row is null) return v.Problem();
            return TypedResults.Created($"/api/events/{target.Event.Slug}/proposals/{row.Id}",
                (await store.LoadDetailAsync(row.Id))!.AsResponse(target, clock.GetUtcNow(), forOrganiser: false));
        }).WithSummary("Submit to another event: copy this proposal as a draft into another event's open call");

        var invitations = app.MapGroup("/api/co-speaker-invitations").WithTags("Proposals").RequireAuthorization(Policies.SignedIn);

        invitations.MapPost("/accept", (InvitationAnswerInput input, HttpContext http, CoSpeakerStore store) => AnswerAsync(input, http, store, accept: true))
            .WithSummary("Accept a co-speaker invitation with the token from its link (signed in with the invited address)");
        invitations.MapPost("/decline", (InvitationAnswerInput input, HttpContext http, CoSpeakerStore store) => AnswerAsync(input, http, store, accept: false))
            .WithSummary("Decline a co-speaker invitation with the token from its link (signed in with the invited address)");

        return app;
    }

    private static async Task<Results<Ok<InvitationAnswerResponse>, ValidationProblem>> AnswerAsync(InvitationAnswerInput input, HttpContext http, CoSpeakerStore store, bool accept)
    {
        var v = new Validator();
        var answered = await store.AnswerAsync(input.Token, http.User.RequiredUserId(), accept, v);
        return answered is null ? v.Problem() : TypedResults.Ok(new InvitationAnswerResponse(answered.ProposalId, answered.Response!));
    }

    public static SpeakerProfileResponse AsResponse(SpeakerProfileRow p) =>
        new(p.FullName, p.Bio, p.Affiliation, p.LinkList, p.PhotoFile is null ? null : SpeakerPhotos.Url(p.PhotoFile));
}
