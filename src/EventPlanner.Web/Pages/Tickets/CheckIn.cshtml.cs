using System.Text.Json;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>The door: works by typing or pasting a code (a scanner that types works too); no JavaScript needed.</summary>
[Authorize(Policy = TicketPolicies.EventCheckIn)]
public sealed class CheckInModel(EventStore events, CheckInStore checkIns, AttendeeList attendees) : PageModel
{
    /// <summary>The name search for the attendee whose phone is dead; it lists valid tickets only, a few at a time.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<AttendeeRow> Matches { get; private set; } = [];
    public bool MoreMatches { get; private set; }
    public bool Searched { get; private set; }

    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<TypeCountRow> Counts { get; private set; } = [];
    public IReadOnlyList<CheckInRow> Recent { get; private set; } = [];
    public CheckInResponse? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (TempData["CheckIn"] is string json) Result = JsonSerializer.Deserialize<CheckInResponse>(json);
        if (Query is not null) await SearchAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(string slug, string? secret)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var result = await checkIns.CheckInAsync(e.Id, secret, User.RequiredUserId());
        TempData["CheckIn"] = JsonSerializer.Serialize(result.AsResponse(e.TimeZone));
        return RedirectToPage(new { slug });
    }

    /// <summary>Checks in the ticket picked from the name search, then shows the same search again with the outcome.</summary>
    public async Task<IActionResult> OnPostTicketAsync(string slug, long ticketId)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        if (await checkIns.CheckInTicketAsync(e.Id, ticketId, User.RequiredUserId()) is not { } result) return NotFound();
        TempData["CheckIn"] = JsonSerializer.Serialize(result.AsResponse(e.TimeZone));
        return RedirectToPage(new { slug, q = Query });
    }

    public async Task<IActionResult> OnPostUndoAsync(string slug, long ticketId)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        TempData["Flash"] = await checkIns.UndoAsync(e.Id, ticketId, User.RequiredUserId())
            ? "Check-in undone: the ticket can check in again."
            : "That ticket was not checked in.";
        return RedirectToPage(new { slug });
    }

    private async Task SearchAsync()
    {
        var v = new Validator();
        ModelState.Remove("q");
        if (AttendeeRules.ReadDeskQuery(Query, v) is not { } query)
        {
            foreach (var message in v.Errors.Values.SelectMany(m => m)) ModelState.AddModelError(nameof(Query), message);
            return;
        }
        var found = await attendees.DeskSearchAsync(Event.Id, query);
        Matches = found.Take(AttendeeRules.DeskMaxMatches).ToList();
        MoreMatches = found.Count > AttendeeRules.DeskMaxMatches;
        Searched = true;
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.FindAsync(slug) is not { } e) return false;
        Event = e;
        Counts = await checkIns.CountsAsync(e.Id);
        Recent = await checkIns.RecentAsync(e.Id);
        return true;
    }
}
