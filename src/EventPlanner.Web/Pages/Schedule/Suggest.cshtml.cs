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
    // Nullable so an empty or non-numeric box becomes the validator's field message, not a binding error.
    [BindProperty] public int? PopularPairs { get; set; } = SuggestionWeights.Defaults.PopularPairs;
    [BindProperty] public int? TrackRoom { get; set; } = SuggestionWeights.Defaults.TrackRoom;
    [BindProperty] public int? TrackConsecutive { get; set; } = SuggestionWeights.Defaults.TrackConsecutive;
    [BindProperty] public int? PreferredTimes { get; set; } = SuggestionWeights.Defaults.PreferredTimes;
    [BindProperty] public int? KeynotesAlone { get; set; } = SuggestionWeights.Defaults.KeynotesAlone;
    [BindProperty] public int? Moves { get; set; } = SuggestionWeights.Defaults.Moves;

    /// <summary>The weights as typed, in the page's order: field name, label, value (null when the box was left empty).</summary>
    public IEnumerable<(string Field, string Label, int? Value)> WeightFields() =>
        SuggestionWeights.Defaults.Fields().Zip([PopularPairs, TrackRoom, TrackConsecutive, PreferredTimes, KeynotesAlone, Moves], (f, v) => (f.Field, f.Label, v));

    /// <summary>Sessions "fill the gaps" would place: the programme's unplaced ones (breaks and meals are left to organisers).</summary>
    public int Unplaced => Board.Sessions.Count(s => !s.IsPlaced && !s.IsCancelled && s.Source == SessionSources.Programme && !SessionKinds.IsPause(s.Kind));

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page(); // a number box holding something that is not a number: the binder's message says which
        var v = new Validator();
        var values = SuggestionRules.Validate(new SuggestionInput(Mode, MoveReleased, TimeLimitSeconds,
            new SuggestionWeightsInput(PopularPairs, TrackRoom, TrackConsecutive, PreferredTimes, KeynotesAlone, Moves)), v);
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
