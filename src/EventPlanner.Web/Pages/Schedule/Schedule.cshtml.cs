using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using EventPlanner.Web.Infrastructure.PageCache;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>
/// The public schedule of one day as a grid (rooms across) or a list (by start time), filtered by track, room and
/// words. Only the released version; rendered once per release, day and filter for anonymous readers.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class ScheduleModel(PublicSchedule schedule, AgendaStore agenda) : PublicSchedulePageModel(schedule, agenda)
{
    public SnapDay? Day { get; private set; }
    public string View { get; private set; } = "grid";
    public long? Track { get; private set; }
    public long? Room { get; private set; }
    public string? Query { get; private set; }
    public IReadOnlyList<SnapSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? date, string? view, long? track, long? room, string? q)
    {
        if (!await LoadAsync()) return NotFound();
        if (Release is null) return Page();
        var wanted = ScheduleDisplay.ParseDate(date);
        if (date is not null && (wanted is null || Release.Days.All(d => d.Date != wanted))) return NotFound();
        Day = wanted is null ? Release.Days.FirstOrDefault() : Release.Days.First(d => d.Date == wanted);
        View = view == "list" ? "list" : "grid";
        Track = track;
        Room = room;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Sessions = Release.Sessions
            .Where(s => Day is null || Release.LocalDate(s) == Day.Date)
            .Where(s => track is null || s.TrackId == track)
            .Where(s => room is null || s.RoomId == room)
            .Where(s => Query is null || Matches(s, Query))
            .OrderBy(s => s.StartsAt).ThenBy(s => Release.RoomOrder(s.RoomId))
            .ToList();
        return Page();
    }

    private static bool Matches(SnapSession s, string q) =>
        s.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || s.Abstract.Contains(q, StringComparison.OrdinalIgnoreCase)
        || s.SpeakerNames.Any(n => n.Contains(q, StringComparison.OrdinalIgnoreCase)) || (s.Track?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false);

    public string Link(string? date = null, string? view = null) =>
        $"/events/{Slug}/schedule/{date ?? (Day is null ? "" : ScheduleDisplay.Iso(Day.Date))}?view={view ?? View}"
        + (Track is { } t ? $"&track={t}" : "") + (Room is { } r ? $"&room={r}" : "") + (Query is { } q ? $"&q={Uri.EscapeDataString(q)}" : "");
}
