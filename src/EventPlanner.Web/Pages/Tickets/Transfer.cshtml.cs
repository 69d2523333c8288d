using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>Accepting a ticket through the emailed link: sign in (or register) first, answer the attendee questions, accept.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TransferModel(TransferStore transfers, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    public TransferRow Transfer { get; private set; } = null!;
    public string? Closed { get; private set; }

    /// <summary>Set when a direct offer's link is opened by another account than the one it was made to (a 403 page).</summary>
    public string? NotForYou { get; private set; }
    [BindProperty] public AttendeeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!await LoadAsync(token)) return NotFound();
        if (NotForYou is not null) return Forbidden();
        Input.BadgeName = User.DisplayNameOf();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token)
    {
        if (!await LoadAsync(token)) return NotFound();
        if (NotForYou is not null) return Forbidden();
        var v = new Validator();
        var attendee = TicketRules.ValidateAttendee(Input.AsInput(), v);
        var outcome = attendee is null ? null : await transfers.AcceptAsync(token, User.RequiredUserId(), attendee, v);
        if (v.HasErrors) { ModelState.AddErrors(v); await LoadAsync(token); return Page(); }
        if (outcome is null) return NotFound();
        if (outcome == AcceptOutcomes.NotForYou) { NotForYou = TicketRules.NotForYou(Transfer.RecipientEmail); return Forbidden(); }
        if (outcome == AcceptOutcomes.AwaitingApproval)
        {
            TempData["Flash"] = "Accepted. The organisers approve transfers of this ticket type; we will email you when they have.";
            return Redirect("/my/tickets");
        }
        TempData["Flash"] = "The ticket is yours. This is your ticket page; the QR code is what you show at the entrance.";
        var ticket = await registrations.FindHeldAsync(User.RequiredUserId(), Transfer.TicketId);
        return ticket is null ? Redirect("/my/tickets") : Redirect($"/tickets/{ticket.Secret}");
    }

    public async Task<IActionResult> OnPostDeclineAsync(string token)
    {
        if (!await LoadAsync(token)) return NotFound();
        if (NotForYou is not null) return Forbidden();
        await transfers.DeclineAsync(token, User.RequiredUserId());
        TempData["Flash"] = "You declined the ticket; we told the holder.";
        return Redirect("/my/tickets");
    }

    // The page itself, with 403: it says whom the offer is for rather than a bare "forbidden".
    private IActionResult Forbidden()
    {
        var page = Page();
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    // A community offer's link is for the chosen requester (and the holder) only; anyone else gets a 404.
    // A direct offer's link is for the account with the address it was made to: anyone else is told so (403).
    private async Task<bool> LoadAsync(string token)
    {
        if (await transfers.FindByTokenAsync(token) is not { } x) return false;
        var userId = User.RequiredUserId();
        if (x.Kind == "community" && x.RecipientUserId != userId && x.FromUserId != userId) return false;
        if (x.Kind == "direct" && x.FromUserId != userId && !await transfers.IsForAsync(x, userId)) NotForYou = TicketRules.NotForYou(x.RecipientEmail);
        Transfer = x;
        var expected = x.Kind == "direct" ? "open" : "chosen";
        Closed = x.Status != expected ? TransferStatuses.Describe(x.Status)
            : x.ExpiresAt <= clock.GetUtcNow() ? TransferStatuses.Describe("expired")
            : x.FromUserId == userId ? "This is your own offer; send the link to the person you are giving the ticket to."
            : null;
        return true;
    }
}
