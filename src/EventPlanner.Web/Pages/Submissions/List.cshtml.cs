using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>
/// The organisers' proposals list. It runs a fixed number of SQL statements whatever the number of
/// proposals (see ProposalListQueryCountTests): the policy's role check, the event, the CfP context,
/// the filter facets and the list itself.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ListModel(EventStore events, CfpStore cfp, ProposalList list) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProposalFilterQuery Filter { get; set; } = new();
    public CfpContext Context { get; private set; } = null!;
    public IReadOnlyList<ProposalListRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public IReadOnlyList<string> Languages { get; private set; } = [];
    // "p", not "page": Razor Pages keeps the "page" route value for itself.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + ProposalList.PageSize - 1) / ProposalList.PageSize);

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await cfp.ContextAsync(events, slug) is not { } ctx) return NotFound();
        Context = ctx;
        (Tags, Languages) = await list.FacetsAsync(ctx.Event.Id);
        if (PageNumber < 1) PageNumber = 1;
        Rows = await list.QueryAsync(ctx.Event.Id, Filter.AsFilter(), ProposalList.PageSize, (PageNumber - 1) * ProposalList.PageSize);
        Total = Rows.Count > 0 ? Rows[0].TotalCount : 0;
        // Past the last page (the list shrank since the link was made): show the last page rather than nothing.
        if (Rows.Count == 0 && PageNumber > 1)
        {
            Total = (await list.QueryAsync(ctx.Event.Id, Filter.AsFilter(), 1)).FirstOrDefault()?.TotalCount ?? 0;
            PageNumber = PageCount;
            Rows = await list.QueryAsync(ctx.Event.Id, Filter.AsFilter(), ProposalList.PageSize, (PageNumber - 1) * ProposalList.PageSize);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var csv = ProposalList.Csv(await list.QueryAsync(e.Id, Filter.AsFilter()), e.Zone);
        return File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{slug}-proposals.csv");
    }

    /// <summary>The same filters on another page.</summary>
    public string PageLink(int page)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(kv => !string.Equals(kv.Key, "p", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.Http.QueryString.Create(query).Value!;
    }

    public string CsvLink => $"?handler=Csv&{Request.QueryString.Value?.TrimStart('?')}";
}
