using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(EventStore events, ProposalStore proposals) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<MyProposalRow> Proposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        Event = e;
        Proposals = await proposals.ListMineAsync(e.Id, User.RequiredUserId());
        return Page();
    }
}
