using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>Releasing the schedule: its conflicts, what would change, how people are told, and the versions so far.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ReleaseModel(EventStore events, ScheduleQueries queries, ReleaseStore releases) : PageModel
{
    public ScheduleBoard Board { get; private set; } = null!;
    public IReadOnlyList<ScheduleChange> Preview { get; private set; } = [];
    public IReadOnlyList<ReleaseRow> Releases { get; private set; } = [];
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public string Notify { get; set; } = NotifyModes.Immediate;
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(bool publishAnyway = false)
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var row = await releases.ReleaseAsync(Board.Event, User.RequiredUserId(), new ReleaseInput(Notify, publishAnyway, Reason), v);
        if (row is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        TempData["Flash"] = $"Released version {row.Number} of the schedule ({row.Changes.Count} change{(row.Changes.Count == 1 ? "" : "s")}).";
        return Redirect($"/events/{Slug}/schedule/manage/release");
    }

    private async Task<bool> LoadAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Board = await queries.LoadAsync(e);
        Preview = await releases.PreviewAsync(e);
        Releases = await releases.ListAsync(e.Id);
        return true;
    }
}
