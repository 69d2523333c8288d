using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using EventPlanner.Web.Infrastructure.PageCache;
using Microsoft.AspNetCore.OutputCaching;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>The public call for papers: its text, the deadlines in the event's zone, a countdown and the way in.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class CfpModel(EventStore events, CfpStore cfp, TimeProvider clock) : PageModel
{
    public CfpContext Context { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public bool IsOpen => DeadlineRules.IsOpen(Now, Context.Settings);

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await cfp.ContextAsync(events, slug) is not { Event.IsPublic: true } ctx) return NotFound();
        Context = ctx;
        Now = clock.GetUtcNow();
        return Page();
    }
}
