using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>
/// Organisers, one lightning session: its settings, the running order (up and down), moves to other sessions,
/// removal, lock and unlock, given or no-show, the waitlist and the MC's run-sheet link. Same store calls as the API.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageSessionModel(EventStore events, LightningLineupStore store, LightningQueueStore queue, LightningRunSheetStore runSheet, LightningImpacts impacts, TimeProvider clock) : PageModel
{
    /// <summary>The confirmation step of removing a talk; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public EventRow Event { get; private set; } = null!;
    public Lineup? Lineup { get; private set; }
    public IReadOnlyList<LightningSessionRow> Others { get; private set; } = [];
    public string Title { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public SettingsForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long sessionId)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        if (Lineup?.Session is { } s)
        {
            Input = new SettingsForm
            {
                SlotMinutes = s.SlotMinutes, ChangeoverMinutes = s.ChangeoverMinutes, HeldBack = s.HeldBack, FirstTimerPriority = s.FirstTimerPriority,
                ConfirmMinutes = s.ConfirmMinutes, OpensAt = LightningRules.LocalInput(s.OpensAt, Event.Zone), ClosesAt = LightningRules.LocalInput(s.ClosesAt, Event.Zone),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(long sessionId)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        var v = new Validator();
        var write = await store.ConfigureAsync(Event, sessionId, Input.AsInput(), v);
        if (write.Kind == WriteKind.NotFound) return NotFound();
        return await DoneAsync(write, v, sessionId, "Settings saved.");
    }

    public async Task<IActionResult> OnPostMoveUpAsync(long sessionId, long talkId, int version) => await ShiftAsync(sessionId, talkId, version, -1);

    public async Task<IActionResult> OnPostMoveDownAsync(long sessionId, long talkId, int version) => await ShiftAsync(sessionId, talkId, version, +1);

    public async Task<IActionResult> OnPostMoveToAsync(long sessionId, long talkId, long toSessionId) =>
        await ActAsync(sessionId, v => store.MoveAsync(Event, sessionId, talkId, toSessionId, v), "Talk moved; its speaker is told.");

    /// <summary>The first post shows what removing the talk touches; only a post with the stamp of those counts removes, recounted inside the write.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(long sessionId, long talkId, string? stamp)
    {
        if (!await LoadAsync(sessionId) || Lineup is null) return NotFound();
        var here = $"/events/{Slug}/lightning/manage/{sessionId}";
        if (await impacts.TalkAsync(Event.Id, sessionId, talkId, null) is not { } shown)
        {
            TempData["Flash"] = "That talk was already gone.";
            return Redirect(here);
        }
        if (!shown.ConfirmedBy(stamp)) return Ask(shown, talkId, here, stamp is not null);
        var check = new StampCheck(Event.Id, stamp, (c, tx) => LightningImpacts.TalkAsync(c, tx, Event.Id, sessionId, talkId, null));
        var v = new Validator();
        var write = await queue.WithdrawAsync(Event, sessionId, null, talkId, v, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, talkId, here, true);
        if (write.Kind == WriteKind.NotFound)
        {
            TempData["Flash"] = "That talk was already gone.";
            return Redirect(here);
        }
        return await DoneAsync(write, v, sessionId, $"Removed {shown.Subject}.");
    }

    private PageResult Ask(Impact shown, long talkId, string back, bool changed)
    {
        Confirm = new ConfirmView(shown, $"Remove the talk {shown.Subject}?", "Remove", new Dictionary<string, string> { ["talkId"] = talkId.ToString() },
            $"Remove {shown.Subject}", back, "Keep the talk", changed);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(long sessionId, bool locked) =>
        await ActAsync(sessionId, v => store.LockAsync(Event, sessionId, locked, v),
            locked ? "Line-up locked: it is on the public schedule now." : "Line-up unlocked: it is off the public schedule and sign-up reopens within its window.");

    public async Task<IActionResult> OnPostOutcomeAsync(long sessionId, long talkId, string? outcome) =>
        await ActAsync(sessionId, v => runSheet.SetOutcomeAsync(Event, sessionId, talkId, string.IsNullOrEmpty(outcome) ? null : outcome, v), "Outcome saved.");

    private async Task<IActionResult> ShiftAsync(long sessionId, long talkId, int version, int by)
    {
        if (!await LoadAsync(sessionId) || Lineup is null) return NotFound();
        var order = Lineup.RunningOrder.Select(t => t.Id).ToList();
        var i = order.IndexOf(talkId);
        if (i < 0) return NotFound();
        var j = Math.Clamp(i + by, 0, order.Count - 1);
        (order[i], order[j]) = (order[j], order[i]);
        var v = new Validator();
        return await DoneAsync(await store.ReorderAsync(Event, sessionId, version, order, v), v, sessionId, "Running order changed.");
    }

    private async Task<IActionResult> ActAsync(long sessionId, Func<Validator, Task<WriteResult<long?>>> act, string done)
    {
        if (!await LoadAsync(sessionId) || Lineup is null) return NotFound();
        var v = new Validator();
        var write = await act(v);
        if (write.Kind == WriteKind.NotFound) return NotFound();
        return await DoneAsync(write, v, sessionId, done);
    }

    private async Task<IActionResult> DoneAsync(WriteResult<long?> write, Validator v, long sessionId, string done)
    {
        if (write.IsOk)
        {
            TempData["Flash"] = done;
            return Redirect($"/events/{Slug}/lightning/manage/{sessionId}");
        }
        await LoadAsync(sessionId);
        ModelState.AddErrors(v);
        return Page();
    }

    private async Task<bool> LoadAsync(long sessionId)
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Event = e;
        Now = clock.GetUtcNow();
        Lineup = await store.LoadAsync(e, sessionId);
        if (Lineup is null)
        {
            var candidate = (await store.UnconfiguredAsync(e.Id)).FirstOrDefault(s => s.Id == sessionId);
            if (candidate is null) return false;
            Title = candidate.Title;
            if (candidate.StartsAt is { } start && Input.ClosesAt is null)
            {
                Input.OpensAt = LightningRules.LocalInput(Now, e.Zone);
                Input.ClosesAt = LightningRules.LocalInput(start, e.Zone);
            }
        }
        else Title = Lineup.Session.Title;
        Others = (await store.ListAsync(e)).Where(s => s.SessionId != sessionId).ToList();
        return true;
    }
}
