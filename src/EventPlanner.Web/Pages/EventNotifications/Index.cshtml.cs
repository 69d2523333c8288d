using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.EventNotifications;

/// <summary>The organisers' view of their event's mail: what went, what waits, what failed and why.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class IndexModel(EventStore events, NotificationStore store) : PageModel
{
    public EventRow Event { get; private set; } = new();
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<NotificationRow> Failed { get; private set; } = [];
    public IReadOnlyList<NotificationRow> Recent { get; private set; } = [];
    public string[] Shown { get; } = ["pending", "sending", "sent", "failed", "held", "suppressed", "discarded"];

    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Event.Zone).ToString("d MMM HH:mm");

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        Event = e;
        Counts = await store.CountsAsync(e.Id);
        Failed = await store.ListAsync(e.Id, NotificationStates.Failed);
        Recent = await store.ListAsync(e.Id, null, limit: 50);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(string slug, long id)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var count = await store.RetryFailedAsync(e.Id, id);
        TempData["Flash"] = count == 1 ? "Sending it again now." : "That email is no longer failed.";
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostRetryAllAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var count = await store.RetryFailedAsync(e.Id, null);
        TempData["Flash"] = $"Sending {count} failed email(s) again now.";
        return RedirectToPage(new { slug });
    }
}
