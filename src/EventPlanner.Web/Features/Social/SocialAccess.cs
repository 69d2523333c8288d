using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Who sees a social event: organisers always; anyone who can see the event when it is public; a signed-in reader
/// when it is open (they may ask for a place) or when they were invited by account. Otherwise it does not exist (404).
/// </summary>
public sealed class SocialAccess(EventStore events, EventAccess access, SocialStore store) : EventVisibility(events, access)
{
    public async Task<bool> MaySeeAsync(HttpContext http, EventRow e, SocialEventRow s)
    {
        if (s.IsPublic || await IsOrganiserAsync(http, e.Slug)) return true;
        if (http.User.UserId() is not { } userId) return false;
        return s.IsOpen || await store.IsInvitedAsync(s.Id, userId, http.RequestAborted);
    }
}
