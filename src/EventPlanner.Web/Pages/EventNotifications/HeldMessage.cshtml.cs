using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class HeldMessageModel(EventStore events, NotificationStore store) : PageModel
{
    [BindProperty] public HeldInput Input { get; set; } = new();
    public EventRow Event { get; private set; } = new();
    public NotificationRow Item { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        Input = new HeldInput { Subject = Item.Subject, Body = Item.Body };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        var v = new Validator();
        if (!await store.EditHeldAsync(Event.Id, id, Input.Subject, Input.Body, v))
        {
            ModelState.AddErrors(v);
            return Page();
        }
        TempData["Flash"] = "Saved. The message still waits for you to release it.";
        return RedirectToPage(new { slug, id });
    }

    public async Task<IActionResult> OnPostReleaseAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        TempData["Flash"] = await store.ReleaseAsync(Event.Id, [id]) == 1 ? "Released: it is on its way." : "It was no longer held.";
        return Redirect($"/events/{slug}/notifications/held");
    }

    public async Task<IActionResult> OnPostDiscardAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        TempData["Flash"] = await store.DiscardAsync(Event.Id, [id]) == 1 ? "Discarded." : "It was no longer held.";
        return Redirect($"/events/{slug}/notifications/held");
    }

    // Only held messages of this event open here; a sent one is history, not a draft.
    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        if (await store.FindAsync(e.Id, id) is not { State: NotificationStates.Held } item) return false;
        (Event, Item) = (e, item);
        return true;
    }

    public sealed class HeldInput
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }
}
