using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>
/// The committee's ranking with its charts and bulk decisions. It runs a fixed number of SQL statements whatever the
/// number of proposals and reviews (see ReviewQueryCountTests): the policy's role check, the event, the review
/// set-up (6), and the ranking (2: the proposals, and every counted score as flat rows).
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class RankingModel(ReviewAccess access, RankingQuery ranking, DecisionStore decisions) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public RankingQueryString Filter { get; set; } = new();
    // Not "page": Razor Pages keeps the page's own name in the route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<long> Ids { get; set; } = [];
    [BindProperty] public bool IncludeNotes { get; set; }

    public ReviewContext Context { get; private set; } = null!;
    public RankingResult Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(string slug, string? decision)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        var v = new Validator();
        var changed = await decisions.DecideAsync(ctx, Ids, decision, IncludeNotes, User.RequiredUserId(), v);
        if (changed is null)
        {
            ModelState.AddErrors(v, "");
            return await LoadAsync(slug) ? Page() : NotFound();
        }
        TempData["Flash"] = $"{changed} proposal{(changed == 1 ? " is" : "s are")} now {ProposalStates.Label(decision!.Trim().ToLowerInvariant()).ToLowerInvariant()}. " +
                            "Speakers are told only when you release the decisions.";
        return Redirect($"/events/{slug}/ranking{Request.QueryString}");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return false;
        Context = ctx;
        Result = await ranking.LoadAsync(ctx, Filter.AsFilter(), User.RequiredUserId());
        return true;
    }

    public string CsvLink => $"/api/events/{Context.Event.Slug}/ranking.csv{Request.QueryString}";

    // The table shows a page at a time (ranks, charts and the CSV cover every proposal): two thousand rows of HTML
    // would cost more to render and read than the ranking costs to work out.
    public int Pages => Math.Max(1, (Result.Rows.Count + PageSize - 1) / PageSize);
    public int CurrentPage => Math.Clamp(PageNumber, 1, Pages);
    public IEnumerable<RankedProposal> Shown => Result.Rows.Skip((CurrentPage - 1) * PageSize).Take(PageSize);

    public string PageLink(int page) =>
        $"?track={Filter.Track}&type={Filter.Type}&state={Uri.EscapeDataString(Filter.State ?? "")}&sort={Uri.EscapeDataString(Filter.Sort ?? "")}&p={page}";
}
