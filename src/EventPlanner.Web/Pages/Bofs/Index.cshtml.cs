using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Bofs;

/// <summary>The event's BoFs: propose one, mark interest, and (proposer or organiser) book, move or cancel.</summary>
[AllowAnonymous]
public sealed class IndexModel(BofAccess access, BofStore store, BofBookings bookings, BofSetupStore setup, TimeProvider clock,
    ParticipantImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of cancelling a BoF; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();
    public EventRow Event { get; private set; } = null!;
    public BofStore.Listing Listing { get; private set; } = null!;
    public IReadOnlyList<BofSlotRow> Slots { get; private set; } = [];
    public IReadOnlyDictionary<long, IReadOnlyList<BofSlotRow>> FreeSlots { get; private set; } = new Dictionary<long, IReadOnlyList<BofSlotRow>>();
    public bool IsOrganiser { get; private set; }
    public long? UserId { get; private set; }

    [BindProperty] public BofInput? Input { get; set; }

    public bool CanManage(BofRow b) => !b.IsCancelled && (IsOrganiser || b.ProposerUserId == UserId);

    public bool CanBook(BofRow b) => CanManage(b) && (IsOrganiser || b.IsBooked || b.Interested >= Listing.Threshold);

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostProposeAsync(string slug)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var values = BofRules.ValidateProposal(Input ?? new BofInput(null, null), v);
        var row = values is null ? null : await store.ProposeAsync(Event, userId, values.Value, v);
        if (row is null) { ModelState.AddErrors(v); return Page(); }
        TempData["Flash"] = $"BoF proposed. Once {Listing.Threshold} other people are interested you can book a slot; share this page.";
        return Redirect($"/events/{slug}/bofs#bof-{row.Id}");
    }

    public Task<IActionResult> OnPostInterestAsync(string slug, long bofId) => InterestAsync(slug, bofId, true);

    public Task<IActionResult> OnPostWithdrawAsync(string slug, long bofId) => InterestAsync(slug, bofId, false);

    private async Task<IActionResult> InterestAsync(string slug, long bofId, bool interested)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (await store.SetInterestAsync(Event, bofId, userId, interested, v) is null) return NotFound();
        if (v.HasErrors) return await InvalidAsync(slug, v);
        TempData["Flash"] = interested ? "Your interest is counted." : "Your interest is withdrawn.";
        return Redirect($"/events/{slug}/bofs#bof-{bofId}");
    }

    public async Task<IActionResult> OnPostBookAsync(string slug, long bofId, long? slotId)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (slotId is null) { v.Add("slotId", "Choose a slot."); return await InvalidAsync(slug, v); }
        var result = await bookings.BookAsync(Event, bofId, slotId.Value, userId, IsOrganiser, v);
        switch (result.Kind)
        {
            case WriteKind.NotFound: return NotFound();
            case WriteKind.Forbidden: return Forbid();
            case WriteKind.Invalid: return await InvalidAsync(slug, v);
            case WriteKind.Conflict:
                var (reasons, alternatives) = result.Refusal();
                foreach (var reason in reasons) v.Add("slotId", reason);
                v.Add("slotId", alternatives.Count == 0
                    ? "No other slot is free for it right now."
                    : "Still free: " + string.Join("; ", alternatives.Select(s => $"{BofDisplay.When(s)}, {s.RoomName}")) + ".");
                return await InvalidAsync(slug, v);
        }
        TempData["Flash"] = $"Booked: \"{result.Value!.Title}\" is in the schedule, and everyone interested has been told.";
        return Redirect($"/events/{slug}/bofs#bof-{bofId}");
    }

    /// <summary>
    /// The first post shows who will be told and what is freed; only a post with the stamp of those same counts cancels.
    /// Someone who may not cancel it gets the refusal of <see cref="BofBookings.CancelAsync"/>, not the counts.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(string slug, long bofId, string? stamp)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        StampCheck? check = null;
        if (Listing.Bofs.FirstOrDefault(b => b.Id == bofId) is { } mine && CanManage(mine) && await impacts.BofAsync(Event.Id, bofId) is { } what)
        {
            if (!what.ConfirmedBy(stamp)) return AskCancel(slug, bofId, what, stamp is not null);
            // The same counts are read again inside the cancelling transaction: an interest marked meanwhile asks again.
            check = new StampCheck(Event.Id, stamp, (c, tx) => ParticipantImpacts.BofAsync(c, tx, Event.Id, bofId));
        }
        var result = await bookings.CancelAsync(Event, bofId, userId, IsOrganiser, stillAsShown: check is null ? null : check.HoldsAsync);
        if (check is { Changed: true, Fresh: { } fresh }) return AskCancel(slug, bofId, fresh, true);
        if (result.Kind == WriteKind.NotFound) return NotFound();
        if (result.Kind == WriteKind.Forbidden) return Forbid();
        TempData["Flash"] = $"\"{result.Value!.Title}\" is cancelled; its slot is free again.";
        return Redirect($"/events/{slug}/bofs");
    }

    private PageResult AskCancel(string slug, long bofId, Impact what, bool changed)
    {
        Confirm = new ConfirmView(what, $"Cancel the BoF \"{what.Subject}\"?", "Cancel", new Dictionary<string, string> { ["bofId"] = bofId.ToString() },
            "Cancel this BoF", $"/events/{slug}/bofs#bof-{bofId}", "Keep the BoF", changed);
        return Page();
    }

    private async Task<IActionResult> InvalidAsync(string slug, Validator v)
    {
        await LoadAsync(slug); // the lists as they are now, after what the failed action met
        ModelState.AddErrors(v, "");
        return Page();
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await access.VisibleAsync(HttpContext, slug) is not { } e) return false;
        Event = e;
        UserId = User.UserId();
        IsOrganiser = await access.IsOrganiserAsync(HttpContext, slug);
        Listing = await store.ListAsync(e.Id, UserId);
        Slots = await setup.SlotsAsync(e.Id);
        FreeSlots = await bookings.FreeSlotsAsync(e, Listing.Bofs.Where(CanBook).ToList());
        return true;
    }
}
