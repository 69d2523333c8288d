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

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await cfp.ContextAsync(events, slug) is not { } ctx) return NotFound();
        Context = ctx;
        (Tags, Languages) = await list.FacetsAsync(ctx.Event.Id);
        Rows = await list.QueryAsync(ctx.Event.Id, Filter.AsFilter());
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var csv = ProposalList.Csv(await list.QueryAsync(e.Id, Filter.AsFilter()), e.Zone);
        return File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{slug}-proposals.csv");
    }

    public string CsvLink => $"?handler=Csv&{Request.QueryString.Value?.TrimStart('?')}";
}
