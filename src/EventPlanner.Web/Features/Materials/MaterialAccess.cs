using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Materials;

/// <summary>
/// Who may attach to a session: its own speakers and the event's organisers, nobody else (a speaker of another
/// session, an organiser of another event). A hidden event does not exist for strangers (404), and a session id of
/// another event is not found under this one.
/// </summary>
public sealed class MaterialAccess(EventStore events, EventAccess access, MaterialStore store) : EventVisibility(events, access)
{
    public enum Verdict { NotFound, Forbidden, Allowed }

    public async Task<(Verdict Verdict, EventRow? Event)> MayAttachAsync(HttpContext http, string slug, long sessionId)
    {
        if (await VisibleAsync(http, slug) is not { } e || !await store.SessionExistsAsync(e.Id, sessionId, http.RequestAborted)) return (Verdict.NotFound, null);
        if (http.User.UserId() is not { } userId) return (Verdict.Forbidden, e);
        if (await IsOrganiserAsync(http, slug) || await store.IsSpeakerAsync(sessionId, userId, http.RequestAborted)) return (Verdict.Allowed, e);
        return (Verdict.Forbidden, e);
    }
}
