using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>
/// The MC's run sheet at the lectern: running order, on now with a big countdown, next and the next-speaker call,
/// slides links. For organisers, or anyone with the session's run-sheet link (?key=). Plain forms work without
/// script; wwwroot/js/lightning/run-sheet.js runs the countdown, polls the line-up version and swaps in the fragment,
/// so the page stays full-screen.
/// </summary>
[AllowAnonymous]
public sealed class RunSheetModel(EventStore events, LightningLineupStore store, LightningRunSheetStore runSheet, LightningAccess access, TimeProvider clock) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public Lineup Lineup { get; private set; } = null!;
    public RunSheetResponse Sheet { get; private set; } = null!;
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty(SupportsGet = true)] public string? Key { get; set; }

    public async Task<IActionResult> OnGetAsync(long sessionId) => await LoadAsync(sessionId) ? Page() : NotFound();

    /// <summary>Only the sheet, for the script to swap in when the line-up version changes.</summary>
    public async Task<IActionResult> OnGetFragmentAsync(long sessionId)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Partial("_RunSheet", this);
    }

    public Task<IActionResult> OnPostStartAsync(long sessionId, long talkId) => ActAsync(sessionId, v => runSheet.StartTalkAsync(Event, sessionId, talkId, v));

    public Task<IActionResult> OnPostCallAsync(long sessionId, long talkId) => ActAsync(sessionId, v => runSheet.CallAsync(Event, sessionId, talkId, v));

    public Task<IActionResult> OnPostOutcomeAsync(long sessionId, long talkId, string? outcome) =>
        ActAsync(sessionId, v => runSheet.SetOutcomeAsync(Event, sessionId, talkId, outcome is "given" or "no-show" ? outcome : null, v));

    private async Task<IActionResult> ActAsync(long sessionId, Func<Validator, Task<WriteResult<long?>>> act)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        var v = new Validator();
        if ((await act(v)).Kind == WriteKind.NotFound) return NotFound();
        if (v.HasErrors) TempData["Flash"] = string.Join(" ", v.Errors.SelectMany(e => e.Value));
        return Redirect(Self(sessionId));
    }

    public string Self(long sessionId) => $"/events/{Slug}/lightning/{sessionId}/run-sheet" + (string.IsNullOrEmpty(Key) ? "" : $"?key={Uri.EscapeDataString(Key)}");

    public string Action(long sessionId, string handler) =>
        $"/events/{Slug}/lightning/{sessionId}/run-sheet?handler={handler}" + (string.IsNullOrEmpty(Key) ? "" : $"&key={Uri.EscapeDataString(Key)}");

    private async Task<bool> LoadAsync(long sessionId)
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        if (await store.LoadAsync(e, sessionId) is not { } l) return false;
        if (!await access.CanRunAsync(HttpContext, Slug, l.Session, Key)) return false;
        Event = e;
        Lineup = l;
        Sheet = l.AsRunSheet(Slug, clock.GetUtcNow());
        return true;
    }
}
