using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

[AllowAnonymous]
public sealed class BoardModel(TicketEvents events, TransferBoardStore transfers) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<TransferRow> Offers { get; private set; } = [];
    public IReadOnlySet<long> MyRequests { get; private set; } = new HashSet<long>();
    public long? UserId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(string slug, long offerId, string? message)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var text = v.Optional("message", message, 500, "Message");
        var request = v.HasErrors ? null : await transfers.RequestAsync(Event.Id, offerId, userId, text, v);
        if (v.HasErrors) { ModelState.AddErrors(v, ""); return Page(); }
        if (request is null) return NotFound();
        TempData["Flash"] = request.Status == "chosen"
            ? "You were first: the ticket is offered to you. We emailed you the link to accept it."
            : "Request sent. We will email you when the holder chooses.";
        return RedirectToPage(new { slug });
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await events.VisibleAsync(HttpContext, slug) is not { } e) return false;
        Event = e;
        Offers = await transfers.BoardAsync(e.Id);
        UserId = User.UserId();
        if (UserId is { } id) MyRequests = (await transfers.MyRequestsAsync(id)).Select(r => r.Transfer.Id).ToHashSet();
        return true;
    }
}
