using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>What the public schedule pages share: the released snapshot the reader may see, and their stars.</summary>
public abstract class PublicSchedulePageModel(PublicSchedule schedule, AgendaStore agenda) : PageModel
{
    public string Slug => RouteData.Values["slug"] as string ?? "";
    public long EventId { get; private set; }
    public ReleaseSnapshot? Release { get; private set; }
    /// <summary>Materials and other links shown with released sessions now, without a release (see <see cref="ReleaseCache"/>).</summary>
    public SessionLinkSet Links { get; private set; } = SessionLinkSet.Empty;
    public IReadOnlySet<long> Starred { get; private set; } = new HashSet<long>();
    public bool SignedIn => User.UserId() is not null;

    /// <summary>False: the event does not exist for this reader (404).</summary>
    protected async Task<bool> LoadAsync()
    {
        if (await schedule.VisibleAsync(HttpContext, Slug) is not { } visible) return false;
        EventId = visible.EventId;
        Release = visible.Release?.Snapshot;
        Links = visible.Release?.Links ?? SessionLinkSet.Empty;
        if (User.UserId() is { } userId && Release is not null) Starred = await agenda.StarredInAsync(userId, EventId);
        return true;
    }
}
