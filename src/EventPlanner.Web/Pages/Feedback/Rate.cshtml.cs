using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Feedback;

/// <summary>
/// An attendee rates a session (linked from their agenda): 1–5 and a comment the speaker reads without their name. When they may
/// not, the page says why with the refusal's status (404 not on the published schedule, 403 no ticket or their own talk, 409 not
/// started, closed or too late to change), the same words the API's problem carries.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RateModel(FeedbackAccess access, FeedbackStore store) : PageModel
{
    /// <summary>Null when the session is not on the published schedule: its (draft) title is not shown either.</summary>
    public MyFeedbackResponse? Mine { get; private set; }
    public Refusal? Why { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public RateForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long sessionId)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        Input = new RateForm { Rating = Mine?.Rating, Comment = Mine?.Comment };
        return Explained();
    }

    public async Task<IActionResult> OnPostAsync(long sessionId)
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e) return NotFound();
        var v = new Validator();
        if (FeedbackRules.Validate(new FeedbackInput(Input.Rating, Input.Comment), v) is not { } values)
        {
            if (!await LoadAsync(sessionId)) return NotFound();
            ModelState.AddErrors(v);
            return Explained();
        }
        var (saved, refused) = await store.RateAsync(e, sessionId, User.RequiredUserId(), values, HttpContext.RequestAborted);
        if (refused is not null)
        {
            // Nothing was saved: show the reason the write gave (it may differ from what the form was shown with).
            if (!await LoadAsync(sessionId)) return NotFound();
            Why = refused;
            return Explained();
        }
        if (saved is null) return NotFound();
        TempData["Flash"] = "Thank you: your rating is saved. The speaker will see it without your name.";
        return Redirect($"/events/{Slug}/sessions/{sessionId}/rate");
    }

    /// <summary>The page, answered with the refusal's status when there is one (a rendered page is not replaced by the error page).</summary>
    private PageResult Explained()
    {
        if (Why is not null) Response.StatusCode = Why.Status;
        return Page();
    }

    private async Task<bool> LoadAsync(long sessionId)
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e) return false;
        (Mine, Why) = await store.ExplainAsync(e, sessionId, User.RequiredUserId(), HttpContext.RequestAborted);
        return true;
    }

    public sealed class RateForm
    {
        public int? Rating { get; set; }
        public string? Comment { get; set; }
    }
}
