using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Feedback;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Feedback;

/// <summary>A speaker's own sessions' feedback, without names, once feedback has closed (the digest mail links here).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MineModel(FeedbackAccess access, FeedbackStore store, TimeProvider clock) : PageModel
{
    public string EventName { get; private set; } = "";
    public DateTimeOffset ClosesAt { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool IsClosed { get; private set; }
    public IReadOnlyList<FeedbackSessionSummary> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.VisibleAsync(HttpContext, slug) is not { } e) return NotFound();
        (EventName, Zone, ClosesAt) = (e.Name, e.Zone, FeedbackRules.ClosesAt(e));
        IsClosed = clock.GetUtcNow() >= ClosesAt;
        // Nothing before it closes: early ratings would point at the first few people a speaker talked to.
        if (IsClosed) Sessions = await store.SummariesAsync(e.Id, User.RequiredUserId(), HttpContext.RequestAborted);
        return Page();
    }
}
