using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Schedule;

/// <summary>The signed-in user's starred sessions across events, and their private calendar address.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AgendaModel(AgendaQueries queries, AgendaStore agenda, AppUrls urls, SocialStore social) : PageModel
{
    public IReadOnlyList<AgendaItem> Items { get; private set; } = [];
    public string? FeedUrl { get; private set; }
    public IReadOnlyList<SocialAgendaRow> Socials { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = User.RequiredUserId();
        Items = await queries.ListAsync(HttpContext, userId);
        Socials = await social.ForUserAsync(userId);
        FeedUrl = await agenda.FeedTokenAsync(userId) is { } token ? urls.Absolute($"/agenda/{token}.ics") : null;
    }

    public async Task<IActionResult> OnPostFeedAsync()
    {
        await agenda.NewFeedAsync(User.RequiredUserId());
        TempData["Flash"] = "Your agenda has a new calendar address; any earlier one no longer works.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await agenda.RevokeFeedAsync(User.RequiredUserId());
        TempData["Flash"] = "The calendar address no longer works.";
        return RedirectToPage();
    }
}
