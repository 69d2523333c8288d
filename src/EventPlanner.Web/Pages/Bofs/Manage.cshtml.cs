using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Bofs;

/// <summary>Organisers: the interest threshold, which rooms are BoF rooms, and the bookable BoF slots.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, VenueStore venue, BofSetupStore setup, SetupImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of removing a slot; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public EventRow Event { get; private set; } = null!;
    public BofSetup Setup { get; private set; } = null!;
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];
    public IReadOnlyList<EventDayRow> Days { get; private set; } = [];
    public IReadOnlyList<BofSlotRow> Slots { get; private set; } = [];
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public int? Threshold { get; set; }
    [BindProperty] public List<long> RoomIds { get; set; } = [];
    [BindProperty] public SlotForm Slot { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Threshold = Setup.Threshold;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        if (!await LoadAsync(keepPosted: true)) return NotFound();
        var v = new Validator();
        var threshold = BofRules.ValidateThreshold(Threshold, v);
        if (threshold is null || await setup.SaveAsync(Event, threshold.Value, RoomIds, v) is null) { ModelState.AddErrors(v, ""); return Page(); }
        TempData["Flash"] = "BoF settings saved.";
        return Redirect($"/events/{Slug}/bofs/manage");
    }

    public async Task<IActionResult> OnPostAddSlotAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Threshold = Setup.Threshold;
        var v = new Validator();
        var values = BofRules.ValidateSlot(new BofSlotInput(Slot.RoomId, Slot.Day, Slot.Starts, Slot.Ends), Event, v);
        if (values is null || await setup.AddSlotAsync(Event, values, v) is null) { ModelState.AddErrors(v, "Slot"); return Page(); }
        TempData["Flash"] = "BoF slot added.";
        return Redirect($"/events/{Slug}/bofs/manage");
    }

    /// <summary>The first post shows the slot's booking and the BoFs waiting for one; only a post with the stamp of those counts removes it, recounted inside the delete.</summary>
    public async Task<IActionResult> OnPostRemoveSlotAsync(long slotId, string? stamp)
    {
        if (!await LoadAsync()) return NotFound();
        Threshold = Setup.Threshold;
        if (await impacts.BofSlotAsync(Event.Id, slotId) is not { } what) return NotFound();
        if (!what.ConfirmedBy(stamp)) return AskSlot(what, slotId, stamp is not null);
        var v = new Validator();
        var check = new StampCheck(Event.Id, stamp, (c, tx) => SetupImpacts.BofSlotAsync(c, tx, Event.Id, slotId));
        var removed = await setup.RemoveSlotAsync(Event.Id, slotId, v, stillAsShown: check.HoldsAsync);
        if (check.Changed) return AskSlot(check.Fresh!, slotId, true);
        if (removed is null) return NotFound();
        if (removed == false) { ModelState.AddErrors(v, ""); return Page(); }
        TempData["Flash"] = "BoF slot removed.";
        return Redirect($"/events/{Slug}/bofs/manage");
    }

    private PageResult AskSlot(Impact what, long slotId, bool changed)
    {
        Confirm = new ConfirmView(what, $"Remove {what.Subject}?", "RemoveSlot",
            new Dictionary<string, string> { ["slotId"] = slotId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Remove the slot",
            $"/events/{Slug}/bofs/manage", "Keep the slot", changed);
        return Page();
    }

    private async Task<bool> LoadAsync(bool keepPosted = false)
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Event = e;
        Setup = await setup.GetAsync(e.Id);
        (Days, Rooms, _) = await venue.ListPartsAsync(e.Id);
        Slots = await setup.SlotsAsync(e.Id);
        if (!keepPosted) RoomIds = Setup.Rooms.Select(r => r.RoomId).ToList();
        return true;
    }

    public sealed class SlotForm
    {
        public long? RoomId { get; set; }
        public string? Day { get; set; }
        public string? Starts { get; set; }
        public string? Ends { get; set; }
    }
}
