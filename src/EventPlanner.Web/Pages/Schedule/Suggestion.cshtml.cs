using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Schedule.Suggestions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>One suggestion: its progress while the solver runs (the page reloads itself), then the diff, Apply and Discard.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class SuggestionModel(EventStore events, ScheduleQueries queries, SuggestionStore store) : PageModel
{
    public const int RefreshSeconds = 2;
    public ScheduleBoard Board { get; private set; } = null!;
    public SuggestionRow Run { get; private set; } = null!;
    public string Slug => RouteData.Values["slug"] as string ?? "";
    public string? ApplyProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        TempData["Flash"] = await store.CancelAsync(Board.Event.Id, id) ? "Stopping the solver; the best schedule found so far is kept." : "The solver had already stopped.";
        return Redirect(Here(id));
    }

    public async Task<IActionResult> OnPostDiscardAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        TempData["Flash"] = await store.DiscardAsync(Board.Event.Id, id) ? "Discarded the suggestion; the draft is unchanged." : "Only a finished suggestion can be discarded.";
        return Redirect($"/events/{Slug}/schedule/manage/suggest");
    }

    public async Task<IActionResult> OnPostApplyAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var result = await store.ApplyAsync(Board.Event, id, User.RequiredUserId());
        if (result.Kind == WriteKind.NotFound) return NotFound();
        if (result.IsOk)
        {
            TempData["Flash"] = SuggestionEndpoints.AppliedMessage(result.Value);
            return Redirect($"/events/{Slug}/schedule/manage");
        }
        ApplyProblem = result.FormMessage ?? result.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public string Where(long? roomId, string? room, DateTimeOffset? startsAt) => roomId is null || startsAt is null ? "unscheduled"
        : $"{room}, {ScheduleDisplay.Day(DateOnly.FromDateTime(Board.Local(startsAt.Value)))} {ScheduleDisplay.Hm(Board.Local(startsAt.Value))}";

    private string Here(long id) => $"/events/{Slug}/schedule/manage/suggest/{id}";

    private async Task<bool> LoadAsync(long id)
    {
        if (await events.FindAsync(Slug) is not { } e || await store.FindAsync(e.Id, id) is not { } run) return false;
        Board = await queries.LoadAsync(e);
        Run = run;
        return true;
    }
}
