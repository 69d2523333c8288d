using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Community;

/// <summary>An approved block and the group's own sessions in it.</summary>
public static class BlockSessionEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/blocks/{id:long}", async Task<Results<Ok<BlockDetailResponse>, NotFound>> (string slug, long id, HttpContext http, CommunityAccess access,
            CommunityQueries queries) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e || await queries.BlockAsync(e.Id, id) is not { } b) return TypedResults.NotFound();
            if (b.Status != BlockStatuses.Approved)
            {
                // Requests are the group's and the organisers' business.
                var group = await queries.GroupAsync(e.Id, b.GroupId);
                if (group is null || (!group.IsHost(http.User.UserId()) && !await access.IsOrganiserAsync(http, slug))) return TypedResults.NotFound();
            }
            var rooms = await access.RoomsAsync(e);
            var sessions = await queries.SessionsAsync(id);
            return TypedResults.Ok(new BlockDetailResponse(b.AsResponse(e, rooms), sessions.Select(s => s.AsResponse(e)).ToList()));
        }).AllowAnonymous().WithSummary("A block with the group's sessions in it (an approved block is public)");

        g.MapPost("/blocks/{id:long}/sessions", async Task<Results<Created<BlockSessionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            BlockSessionInput input, HttpContext http, CommunityAccess access, BlockSessionStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Validate(input, v) is not { } values) return v.Problem();
            return CommunityEndpoints.Created(await store.SaveAsync(e, id, null, http.User.RequiredUserId(), values, null, v),
                s => $"/api/events/{slug}/community/blocks/{id}/sessions/{s.Id}", s => s.AsResponse(e));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Add a session to your group's approved block (title, abstract, local start and end inside the block, speakers by account email and/or by name); published at once; 409 on a clash, 422 outside the block (hosts)");

        g.MapPut("/blocks/{id:long}/sessions/{sessionId:long}", async Task<Results<Ok<BlockSessionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug,
            long id, long sessionId, BlockSessionInput input, HttpContext http, CommunityAccess access, BlockSessionStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Validate(input, v) is not { } values) return v.Problem();
            return CommunityEndpoints.Answer(await store.SaveAsync(e, id, sessionId, http.User.RequiredUserId(), values, input.Version, v), s => s.AsResponse(e));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Edit a session of your group's block (send the version you read: 409 when another host changed it first) (hosts)");

        g.MapDelete("/blocks/{id:long}/sessions/{sessionId:long}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (string slug, long id, long sessionId,
            HttpContext http, CommunityAccess access, BlockSessionStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var outcome = await store.CancelAsync(e, id, sessionId, http.User.RequiredUserId());
            return outcome.Kind switch
            {
                WriteKind.Ok => TypedResults.NoContent(),
                WriteKind.NotFound => TypedResults.NotFound(),
                _ => WriteResults.Problem(outcome),
            };
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Cancel a session of your group's block; the public schedule says so at once (hosts)");
    }
}
