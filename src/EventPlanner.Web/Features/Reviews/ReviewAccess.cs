using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>One reviewer at work in one event: the set-up, who they are, and the phase in force now.</summary>
public sealed record ReviewSession(ReviewContext Ctx, Reviewer Reviewer, EffectivePhase Phase, DateTimeOffset Now)
{
    public long EventId => Ctx.Event.Id;
    public bool Anonymous => Phase.HideSpeakers;
}

/// <summary>
/// Resolves the event and the caller for review pages and endpoints, after their policy (EventReviewer or
/// EventOrganiser) has admitted them. The roles come from the policy's per-request cache, not a second query.
/// </summary>
public sealed class ReviewAccess(EventStore events, ReviewSetupStore setup, EventAccess access, TimeProvider clock)
{
    public async Task<ReviewSession?> ForReviewerAsync(HttpContext http, string slug)
    {
        if (http.User.UserId() is not { } userId) return null;
        if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        var roles = await access.RolesAsync(http, userId, slug);
        var ctx = await setup.LoadContextAsync(e, http.RequestAborted);
        var now = clock.GetUtcNow();
        return new ReviewSession(ctx, new Reviewer(userId, roles.Contains(EventRoles.Organiser)), ctx.PhaseAt(now), now);
    }

    public async Task<ReviewContext?> ForOrganiserAsync(string slug, CancellationToken ct = default) =>
        await events.FindAsync(slug, ct) is { } e ? await setup.LoadContextAsync(e, ct) : null;
}
