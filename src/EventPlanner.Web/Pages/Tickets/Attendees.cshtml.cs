using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>Organisers: every ticket of the event, searched, filtered, paged, and exported as CSV with the same filters.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class AttendeesModel(EventStore events, TicketTypeStore types, AttendeeList list) : ManagePageModel(events)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    // "p", not "page": Razor Pages keeps the "page" route value for itself.
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public IReadOnlyList<TicketTypeRow> Types { get; private set; } = [];
    public AttendeePage Result { get; private set; } = new([], 0, 1, 1);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        Types = await types.ListAsync(Event.Id);
        if (Read() is not { } filter) return Page();
        Result = await list.PageAsync(Event.Id, filter, PageNumber ?? 1);
        // Past the last page (the list shrank since the link was made): the last page rather than nothing.
        if (Result.Rows.Count == 0 && Result.Page > Result.PageCount) Result = await list.PageAsync(Event.Id, filter, Result.PageCount);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        if (Read() is not { } filter) return BadRequest();
        return File(AttendeeList.Csv(await list.QueryAsync(Event.Id, filter), Event.Zone), "text/csv; charset=utf-8", $"{Slug}-attendees.csv");
    }

    // The same checks as the API; messages go next to the fields and nothing is listed.
    private AttendeeFilter? Read()
    {
        var v = new Validator();
        if (ModelState.ContainsKey(nameof(Type)) && ModelState[nameof(Type)]!.Errors.Count > 0) v.Add("type", "Ticket type must be one of the list.");
        if (ModelState.ContainsKey("p") && ModelState["p"]!.Errors.Count > 0) v.Add("page", $"Page must be 1 to {AttendeeRules.MaxPage}.");
        ModelState.Clear();
        var filter = AttendeeRules.ReadFilter(Q, Type, State, v);
        PageNumber = AttendeeRules.ReadPage(PageNumber, v);
        if (!v.HasErrors) return filter;
        ModelState.AddErrors(v, "");
        // The page number binds as "p"; its message shows under the list's count.
        if (ModelState["Page"] is { } page)
        {
            foreach (var error in page.Errors) ModelState.AddModelError(nameof(PageNumber), error.ErrorMessage);
            ModelState.Remove("Page");
        }
        return null;
    }

    /// <summary>The same filters on another page.</summary>
    public string PageLink(int page) => Link(new() { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public string CsvLink => Link(new() { ["handler"] = "Csv" });

    private string Link(Dictionary<string, string?> extra)
    {
        var query = new Dictionary<string, string?> { ["q"] = Q, ["type"] = Type?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["state"] = State };
        foreach (var (k, val) in extra) query[k] = val;
        return QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value))).Value!;
    }
}
