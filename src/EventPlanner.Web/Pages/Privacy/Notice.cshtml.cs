using EventPlanner.Web.Features.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Privacy;

/// <summary>The event's privacy page, for anyone who may see the event (a hidden one is 404 to strangers).</summary>
[AllowAnonymous]
public sealed class NoticeModel(PrivacyAccess access, PrivacyNotices notices) : PageModel
{
    public PrivacyNotice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.VisibleAsync(HttpContext, slug) is not { } e) return NotFound();
        Notice = await notices.ForAsync(e, HttpContext.RequestAborted);
        return Page();
    }
}
