using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>
/// The venue screen: for each room (or one room), what runs now and what comes next, from the released schedule,
/// with room changes of the latest release called out and a clock in the event's zone. Read-only, anonymous, no
/// links out; it reloads itself with a meta refresh (no script, so the CSP holds).
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class KioskModel(PublicSchedule schedule, ReleaseStore releases, TimeProvider clock) : PageModel
{
    public const int RefreshSeconds = 30;

    public ReleaseSnapshot? Release { get; private set; }
    public DateTime LocalNow { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<(SnapRoom Room, SnapSession? Now, SnapSession? Next)> Rows { get; private set; } = [];
    public IReadOnlyDictionary<long, string> MovedFrom { get; private set; } = new Dictionary<long, string>();
    public string? RoomName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long? room)
    {
        if (await schedule.VisibleAsync(HttpContext, slug) is not { } visible) return NotFound();
        Release = visible.Release?.Snapshot;
        if (Release is null) return Page();
        var now = Now = clock.GetUtcNow();
        LocalNow = Release.Local(now);
        var rooms = Release.Rooms.Where(r => room is null || r.Id == room).ToList();
        if (room is not null && rooms.Count == 0) return NotFound();
        RoomName = room is null ? null : rooms[0].Name;
        Rows = rooms.Select(r =>
        {
            var inRoom = Release.Sessions.Where(s => s.RoomId == r.Id).OrderBy(s => s.StartsAt).ToList();
            return (r, inRoom.FirstOrDefault(s => s.StartsAt <= now && now < s.EndsAt), inRoom.FirstOrDefault(s => s.StartsAt > now));
        }).ToList();
        if (await releases.FindAsync(visible.EventId, Release.Number) is { } latest)
        {
            MovedFrom = latest.Changes.Where(c => c.Kind == ChangeKinds.RoomChanged && c.FromRoom is not null)
                .GroupBy(c => c.SessionId).ToDictionary(g => g.Key, g => g.First().FromRoom!);
        }
        // Never shown from the screen's own cache without asking: the page cache's ETag (data version and minute) makes asking cheap.
        Response.Headers.CacheControl = "no-cache";
        return Page();
    }
}
