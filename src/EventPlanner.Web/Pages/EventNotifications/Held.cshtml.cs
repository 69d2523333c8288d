using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

/// <summary>The organisers' outbox of held mail: review, discard, release together.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class HeldModel(EventStore events, NotificationStore store) : PageModel
{
    public EventRow Event { get; private set; } = new();
    public IReadOnlyList<NotificationRow> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        Event = e;
        Items = (await store.ListAsync(e.Id, NotificationStates.Held, limit: 5000)).OrderBy(n => n.Id).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostReleaseSelectedAsync(string slug, long[] ids) =>
        ActAsync(slug, ids, async (id, list) => $"Released {await store.ReleaseAsync(id, list)} message(s); they are on their way.");

    public Task<IActionResult> OnPostDiscardSelectedAsync(string slug, long[] ids) =>
        ActAsync(slug, ids, async (id, list) => $"Discarded {await store.DiscardAsync(id, list)} message(s).");

    public async Task<IActionResult> OnPostReleaseAllAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        TempData["Flash"] = $"Released {await store.ReleaseAsync(e.Id, null)} message(s); they are on their way.";
        return RedirectToPage(new { slug });
    }

    private async Task<IActionResult> ActAsync(string slug, long[] ids, Func<long, IReadOnlyCollection<long>, Task<string>> act)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        TempData["Flash"] = ids.Length == 0 ? "Select at least one message first." : await act(e.Id, ids);
        return RedirectToPage(new { slug });
    }
}
