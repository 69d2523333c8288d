using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// The released schedule as a reader may see it. Like the event page, a hidden event does not exist for strangers
/// (404, not 403); its team still sees it. Anonymous readers of a public event cost no query between cache checks.
/// </summary>
public sealed class PublicSchedule(ReleaseCache cache, EventAccess access)
{
    /// <summary>Null: not found for this reader. Release null: the event exists but has not released a schedule.</summary>
    public async Task<(long EventId, CurrentRelease? Release)?> VisibleAsync(HttpContext http, string slug)
    {
        if (await cache.GetAsync(slug, http.RequestAborted) is not { } state) return null;
        if (state.IsPublic) return (state.EventId, state.Release);
        if (http.User.UserId() is not { } userId) return null;
        return (await access.RolesAsync(http, userId, slug)).Count > 0 ? (state.EventId, state.Release) : null;
    }
}
