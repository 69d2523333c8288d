using EventPlanner.Web.Features.Schedule;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>The public changelog: each released version and what it changed.</summary>
[AllowAnonymous]
public sealed class ChangesModel(PublicSchedule schedule, AgendaStore agenda, ReleaseStore releases) : PublicSchedulePageModel(schedule, agenda)
{
    public IReadOnlyList<ReleaseRow> Releases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Release is not null) Releases = await releases.ListAsync(EventId);
        return Page();
    }
}
