using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Schedule.Suggestions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>"Suggest a schedule": what to place, how long the solver may think, and the runs so far.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class SuggestModel(EventStore events, ScheduleQueries queries, SuggestionStore store, Suggestions suggestions) : PageModel
{
    public ScheduleBoard Board { get; private set; } = null!;
    public IReadOnlyList<SuggestionRow> Runs { get; private set; } = [];
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public string Mode { get; set; } = SuggestionModes.Gaps;
    [BindProperty] public bool MoveReleased { get; set; }
    [BindProperty] public int TimeLimitSeconds { get; set; } = SuggestionRules.DefaultSeconds;

    /// <summary>Sessions "fill the gaps" would place: the programme's unplaced ones (breaks and meals are left to organisers).</summary>
    public int Unplaced => Board.Sessions.Count(s => !s.IsPlaced && !s.IsCancelled && s.Source == SessionSources.Programme && !SessionKinds.IsPause(s.Kind));

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var values = SuggestionRules.Validate(new SuggestionInput(Mode, MoveReleased, TimeLimitSeconds), v);
        var row = values is null ? null : await suggestions.StartAsync(Board.Event, User.RequiredUserId(), values, v);
        if (row is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        return Redirect($"/events/{Slug}/schedule/manage/suggest/{row.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Board = await queries.LoadAsync(e);
        Runs = await store.ListAsync(e.Id);
        return true;
    }
}
