using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>
/// A reviewer's queue. It runs a fixed number of SQL statements whatever the number of proposals and reviews (see
/// ReviewQueryCountTests): the policy's role check, the event, the review set-up (6) and the queue itself (1).
/// </summary>
[Authorize(Policy = Policies.EventReviewer)]
public sealed class QueueModel(ReviewAccess access, ReviewerActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    // Not "page": Razor Pages keeps the page's own name in the route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ReviewSession Session { get; private set; } = null!;
    public QueuePage Queue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return NotFound();
        Session = s;
        Queue = await actions.QueueAsync(s, Q, Show, PageNumber);
        return Page();
    }

    public string PageLink(int page) =>
        $"?q={Uri.EscapeDataString(Q ?? "")}&show={Uri.EscapeDataString(Show ?? "")}&p={page}";
}
