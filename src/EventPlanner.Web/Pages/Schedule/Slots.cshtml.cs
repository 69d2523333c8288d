using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>The grid's slots (planned time blocks, for one room or every room) and rooms' own opening hours per day.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class SlotsModel(EventStore events, ScheduleQueries queries, SessionStore store, OrganiserImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of removing a slot; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public ScheduleBoard Board { get; private set; } = null!;
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public SlotForm Slot { get; set; } = new();
    [BindProperty] public HoursForm Hours { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var first = SessionRules.Validate(new SlotInput(Slot.Day, Slot.Starts, Slot.Ends, Slot.RoomId), Board.Event, v);
        var repeat = v.Range("repeat", Slot.Repeat ?? 1, 1, 40, "Number of slots");
        var gap = v.Range("gap", Slot.Gap ?? 0, 0, 240, "Gap between slots");
        if (first is not { } f || v.HasErrors) return Invalid(v, "Slot");
        var length = f.Ends.ToTimeSpan() - f.Starts.ToTimeSpan();
        var start = f.Starts.ToTimeSpan();
        var added = 0;
        for (var i = 0; i < repeat; i++, start += length + TimeSpan.FromMinutes(gap))
        {
            if (start + length > TimeSpan.FromHours(24)) break;
            if (await store.AddSlotAsync(Board.Event.Id, (f.Date, TimeOnly.FromTimeSpan(start), TimeOnly.FromTimeSpan(start + length), f.RoomId), v) is null) return Invalid(v, "Slot");
            added++;
        }
        TempData["Flash"] = $"Added {added} slot{(added == 1 ? "" : "s")}.";
        return Redirect($"/events/{Slug}/schedule/manage/slots");
    }

    /// <summary>The first post shows the sessions inside the slot; only a post with the stamp of that same count removes it.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(long slotId, string? stamp)
    {
        if (!await LoadAsync()) return NotFound();
        if (await impacts.SlotAsync(Board.Event, slotId) is not { } what)
        {
            TempData["Flash"] = "That slot was already gone.";
            return Redirect($"/events/{Slug}/schedule/manage/slots");
        }
        if (!what.ConfirmedBy(stamp)) return Ask(what, slotId, stamp is not null);
        var check = new StampCheck(Board.Event.Id, stamp, (c, tx) => OrganiserImpacts.SlotAsync(c, tx, Board.Event, slotId));
        var removed = await store.RemoveSlotAsync(Board.Event.Id, slotId, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, slotId, true);
        TempData["Flash"] = removed ? "Slot removed." : "That slot was already gone.";
        return Redirect($"/events/{Slug}/schedule/manage/slots");
    }

    private PageResult Ask(Impact what, long slotId, bool changed)
    {
        Confirm = new ConfirmView(what, $"Remove {what.Subject}?", "Remove", new Dictionary<string, string> { ["slotId"] = slotId.ToString() },
            "Remove the slot", $"/events/{Slug}/schedule/manage/slots", "Keep the slot", changed);
        return Page();
    }

    public async Task<IActionResult> OnPostHoursAsync(bool clear = false)
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var day = v.Date("day", Hours.Day, "Day");
        var hours = clear ? null : SessionRules.Validate(new RoomHoursInput(Hours.OpensAt, Hours.ClosesAt), v);
        if (Hours.RoomId is null) v.Add("roomId", "Choose a room.");
        if (v.HasErrors) return Invalid(v, "Hours");
        if (!await store.SetRoomHoursAsync(Board.Event.Id, Hours.RoomId!.Value, day!.Value, hours)) return NotFound();
        TempData["Flash"] = clear ? "The room follows the day's hours again." : "Room hours saved.";
        return Redirect($"/events/{Slug}/schedule/manage/slots");
    }

    private PageResult Invalid(Validator v, string prefix)
    {
        ModelState.AddErrors(v, prefix);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Board = await queries.LoadAsync(e);
        return true;
    }

    public sealed class SlotForm
    {
        public string? Day { get; set; }
        public string? Starts { get; set; }
        public string? Ends { get; set; }
        public long? RoomId { get; set; }
        public int? Repeat { get; set; } = 1;
        public int? Gap { get; set; } = 0;
    }

    public sealed class HoursForm
    {
        public long? RoomId { get; set; }
        public string? Day { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
    }
}
