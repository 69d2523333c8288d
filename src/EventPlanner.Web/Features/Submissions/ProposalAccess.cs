using System.Security.Claims;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>A proposal as seen by one of its confirmed speakers.</summary>
public sealed record SpeakerScope(EventRow Event, ProposalRow Proposal, long UserId);

/// <summary>
/// "Speaker of this proposal" is a derived role, not a granted one: it is checked here, per request,
/// after the endpoint's <c>SignedIn</c> policy. Anyone else gets null, which callers answer with 404,
/// so a proposal's existence is not revealed to other speakers.
/// </summary>
public sealed class ProposalAccess(EventStore events, ProposalStore proposals, EventAccess access)
{
    /// <summary>
    /// The caller's own proposals for an event, or null when the event does not exist for them: a hidden event is the
    /// unknown-event 404 for strangers, not an empty list; its speakers (a proposal there) and its team still see theirs.
    /// </summary>
    public async Task<(EventRow Event, IReadOnlyList<MyProposalRow> Proposals)?> MineAsync(HttpContext http, string slug)
    {
        if (http.User.UserId() is not { } userId || await events.FindAsync(slug, http.RequestAborted) is not { } e) return null;
        var list = await proposals.ListMineAsync(e.Id, userId, http.RequestAborted);
        if (!e.IsPublic && list.Count == 0 && (await access.RolesAsync(http, userId, slug)).Count == 0) return null;
        return (e, list);
    }

    public async Task<SpeakerScope?> ForSpeakerAsync(ClaimsPrincipal user, string slug, long id, CancellationToken ct = default)
    {
        if (user.UserId() is not { } userId) return null;
        if (await events.FindAsync(slug, ct) is not { } e) return null;
        var proposal = await proposals.FindForSpeakerAsync(e.Id, id, userId, ct);
        return proposal is null ? null : new SpeakerScope(e, proposal, userId);
    }
}
