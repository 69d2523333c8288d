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
    public IReadOnlySet<long> Starred { get; private set; } = new HashSet<long>();
    public bool SignedIn => User.UserId() is not null;

    /// <summary>False: the event does not exist for this reader (404).</summary>
    protected async Task<bool> LoadAsync()
    {
        if (await schedule.VisibleAsync(HttpContext, Slug) is not { } visible) return false;
        EventId = visible.EventId;
        Release = visible.Release?.Snapshot;
        if (User.UserId() is { } userId && Release is not null) Starred = await agenda.StarredInAsync(userId, EventId);
        return true;
    }
}
