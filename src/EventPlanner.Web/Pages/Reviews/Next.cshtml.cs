using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>"Next proposal": the reviewer's least-reviewed unreviewed proposal (assigned ones first), or back to the queue.</summary>
[Authorize(Policy = Policies.EventReviewer)]
public sealed class NextModel(ReviewAccess access, ReviewerActions actions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, long? after)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return NotFound();
        if (await actions.NextAsync(s, after) is { } id) return Redirect($"/events/{slug}/review/{id}");
        TempData["Flash"] = "Nothing is left for you to review in this phase. Thank you!";
        return Redirect($"/events/{slug}/review");
    }
}
