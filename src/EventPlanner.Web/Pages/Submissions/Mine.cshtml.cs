using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(ProposalAccess access) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<MyProposalRow> Proposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        // A hidden event's page is the unknown-event 404 for strangers, as its API is.
        if (await access.MineAsync(HttpContext, slug) is not { } mine) return NotFound();
        (Event, Proposals) = mine;
        return Page();
    }
}
