using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>The event's lightning sessions: when, how many slots are left, whether sign-up is open.</summary>
[AllowAnonymous]
public sealed class IndexModel(LightningAccess access, LightningLineupStore store, TimeProvider clock) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<Lineup> Sessions { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.VisibleAsync(HttpContext, slug) is not { } e) return NotFound();
        Event = e;
        Now = clock.GetUtcNow();
        var list = new List<Lineup>();
        foreach (var s in await store.ListAsync(e))
        {
            if (await store.LoadAsync(e, s.SessionId) is { } l) list.Add(l);
        }
        Sessions = list;
        return Page();
    }
}
