using System.Text.Json;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>The door: works by typing or pasting a code (a scanner that types works too); no JavaScript needed.</summary>
[Authorize(Policy = TicketPolicies.EventCheckIn)]
public sealed class CheckInModel(EventStore events, CheckInStore checkIns) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<TypeCountRow> Counts { get; private set; } = [];
    public IReadOnlyList<CheckInRow> Recent { get; private set; } = [];
    public CheckInResponse? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (TempData["CheckIn"] is string json) Result = JsonSerializer.Deserialize<CheckInResponse>(json);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(string slug, string? secret)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        var result = await checkIns.CheckInAsync(e.Id, secret, User.RequiredUserId());
        TempData["CheckIn"] = JsonSerializer.Serialize(result.AsResponse(e.TimeZone));
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostUndoAsync(string slug, long ticketId)
    {
        if (await events.FindAsync(slug) is not { } e) return NotFound();
        TempData["Flash"] = await checkIns.UndoAsync(e.Id, ticketId, User.RequiredUserId())
            ? "Check-in undone: the ticket can check in again."
            : "That ticket was not checked in.";
        return RedirectToPage(new { slug });
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
