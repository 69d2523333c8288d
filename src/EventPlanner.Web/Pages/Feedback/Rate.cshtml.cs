using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Feedback;

/// <summary>An attendee rates a session (linked from their agenda): 1–5 and a comment the speaker reads without their name.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RateModel(FeedbackAccess access, FeedbackStore store) : PageModel
{
    public MyFeedbackResponse Mine { get; private set; } = null!;
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public RateForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long sessionId)
    {
        if (!await LoadAsync(sessionId)) return NotFound();
        Input = new RateForm { Rating = Mine.Rating, Comment = Mine.Comment };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long sessionId)
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e) return NotFound();
        var v = new Validator();
        if (FeedbackRules.Validate(new FeedbackInput(Input.Rating, Input.Comment), v) is not { } values)
        {
            if (!await LoadAsync(sessionId)) return NotFound();
            ModelState.AddErrors(v);
            return Page();
        }
        var (saved, refused) = await store.RateAsync(e, sessionId, User.RequiredUserId(), values, HttpContext.RequestAborted);
        if ((saved is null && refused is null) || refused?.Status == StatusCodes.Status404NotFound) return NotFound();
        TempData["Flash"] = refused?.Detail ?? "Thank you: your rating is saved. The speaker will see it without your name.";
        return Redirect($"/events/{Slug}/sessions/{sessionId}/rate");
    }

    private async Task<bool> LoadAsync(long sessionId)
    {
        if (await access.VisibleAsync(HttpContext, Slug) is not { } e
            || await store.MineAsync(e, sessionId, User.RequiredUserId(), HttpContext.RequestAborted) is not { } mine) return false;
        Mine = mine;
        return true;
    }

    public sealed class RateForm
    {
        public int? Rating { get; set; }
        public string? Comment { get; set; }
    }
}
