using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>A speaker as the released schedule shows them: their bio and their sessions.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class SpeakerModel(PublicSchedule schedule, AgendaStore agenda) : PublicSchedulePageModel(schedule, agenda)
{
    public SnapSpeaker Speaker { get; private set; } = null!;
    public IReadOnlyList<SnapSession> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync() || Release is null) return NotFound();
        Sessions = Release.Sessions.Where(s => s.Speakers.Any(p => p.Id == id)).OrderBy(s => s.StartsAt).ToList();
        if (Sessions.Count == 0) return NotFound();
        Speaker = Sessions[0].Speakers.First(p => p.Id == id);
        return Page();
    }
}
