using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events.Manage;

/// <summary>
/// The organisers' landing page for an event: its state at a glance and what waits for them, each count a link to
/// the page where it is done. Signed in is the policy; the role is checked here so a hidden event is 404 to strangers.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DashboardModel(DashboardAccess access, DashboardQuery query) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.VisibleAsync(HttpContext, slug) is not { } e) return NotFound();
        if (!await access.IsOrganiserAsync(HttpContext, slug)) return Forbid();
        View = await query.LoadAsync(e, HttpContext.RequestAborted);
        return Page();
    }
}
