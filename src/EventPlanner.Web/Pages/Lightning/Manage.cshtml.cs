using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Lightning;

/// <summary>Organisers: the lightning sessions open for sign-up, and lightning-kind sessions of the schedule still to set up.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, LightningLineupStore store) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<LightningSessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<ScheduleSessionRef> ToSetUp { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        Event = e;
        Sessions = await store.ListAsync(e);
        ToSetUp = await store.UnconfiguredAsync(e.Id);
        return Page();
    }
}
