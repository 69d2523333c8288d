using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

/// <summary>
/// The ticket behind its secret: anyone with the link sees the ticket and its QR code (it travels by email
/// to be shown at the door); only the signed-in holder sees and uses the offer, choose and cancel forms.
/// </summary>
[AllowAnonymous]
public sealed class TicketModel(RegistrationStore registrations, TransferStore transfers, TransferBoardStore board, TimeProvider clock, ParticipantImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of cancelling the ticket; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public TicketRow Ticket { get; private set; } = null!;
    public bool IsHolder { get; private set; }
    public TransferRow? Live { get; private set; }
    public IReadOnlyList<TransferRequestRow> Requests { get; private set; } = [];
    public string? TransferRefusal { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string secret) => await LoadAsync(secret) ? Page() : NotFound();

    public Task<IActionResult> OnPostOfferAsync(string secret, string? note, bool autoFirst) => AsHolder(secret, (userId, v) =>
    {
        var text = v.Optional("note", note, 500, "Note");
        return v.HasErrors ? Task.FromResult(false) : Offered(transfers.OfferToCommunityAsync(userId, Ticket.Id, text, autoFirst, v));
    }, "Your ticket is on the board. It stays yours until someone you choose accepts it.");

    public Task<IActionResult> OnPostTransferAsync(string secret, string? recipientEmail, string? recipientName, string? note) => AsHolder(secret, (userId, v) =>
    {
        var email = TicketRules.ValidateEmail("recipientEmail", recipientEmail, v);
        var name = v.Required("recipientName", recipientName, 100, "Their name");
        var text = v.Optional("note", note, 500, "Note");
        return v.HasErrors ? Task.FromResult(false) : Offered(transfers.OfferDirectAsync(userId, Ticket.Id, email!, name!, text, v));
    }, "Offer sent. The ticket stays yours until they accept it.");

    public Task<IActionResult> OnPostCancelOfferAsync(string secret, long transferId) =>
        AsHolder(secret, (userId, v) => transfers.CancelAsync(userId, transferId, v), "Offer cancelled. The ticket is still yours.");

    public Task<IActionResult> OnPostChooseAsync(string secret, long transferId, long requestId) =>
        AsHolder(secret, (userId, v) => board.ChooseAsync(userId, transferId, requestId, v), "Chosen. We sent them a link to accept the ticket.");

    /// <summary>The first post shows what giving the ticket back touches; only a post with the stamp of those same counts cancels.</summary>
    public async Task<IActionResult> OnPostCancelTicketAsync(string secret, string? stamp)
    {
        if (User.UserId() is not { } holderId) return Challenge();
        if (!await LoadAsync(secret) || !IsHolder) return NotFound();
        StampCheck? check = null;
        if (TicketRules.CancelRefusal(Ticket, clock.GetUtcNow()) is null && await impacts.TicketAsync(Ticket.Id, holderId) is { } what)
        {
            if (!what.ConfirmedBy(stamp)) return AskCancel(secret, what, stamp is not null);
            // The same counts are read again inside the cancelling transaction: a transfer offer or a waiting person added meanwhile asks again.
            var ticketId = Ticket.Id;
            check = new StampCheck(Ticket.EventId, stamp, (c, tx) => ParticipantImpacts.TicketAsync(c, tx, ticketId, holderId));
        }
        var result = await AsHolder(secret, (userId, v) => registrations.CancelAsync(userId, Ticket.Id, v, stillAsShown: check is null ? null : check.HoldsAsync),
            "Your ticket is cancelled and its place freed.");
        if (check is { Changed: true, Fresh: { } fresh }) return AskCancel(secret, fresh, true);
        return result is RedirectToPageResult ? Redirect("/my/tickets") : result;
    }

    private PageResult AskCancel(string secret, Impact what, bool changed)
    {
        ModelState.Clear(); // a recount that moved is a question again, not an error
        Confirm = new ConfirmView(what, $"Cancel {what.Subject}?", "CancelTicket", new Dictionary<string, string>(), "Cancel my ticket",
            $"/tickets/{secret}", "Keep my ticket", changed);
        return Page();
    }

    private static async Task<bool> Offered(Task<TransferRow?> offer) => await offer is not null;

    private async Task<IActionResult> AsHolder(string secret, Func<long, Validator, Task<bool>> act, string flash)
    {
        if (User.UserId() is not { } userId) return Challenge();
        if (!await LoadAsync(secret) || !IsHolder) return NotFound();
        var v = new Validator();
        var done = await act(userId, v);
        if (v.HasErrors || !done)
        {
            if (!v.HasErrors) v.Add("", "That offer or request is no longer there.");
            ModelState.AddErrors(v, "");
            await LoadAsync(secret);
            return Page();
        }
        TempData["Flash"] = flash;
        return RedirectToPage(new { secret });
    }

    private async Task<bool> LoadAsync(string secret)
    {
        if (await registrations.FindBySecretAsync(secret) is not { } t) return false;
        Ticket = t;
        Now = clock.GetUtcNow();
        IsHolder = User.UserId() == t.HolderUserId && t.Status is "valid" or "pending";
        if (IsHolder)
        {
            Live = await transfers.LiveForTicketAsync(t.Id);
            if (Live is not null && await transfers.FindOwnAsync(t.HolderUserId, Live.Id) is { } own) Requests = own.Requests;
            TransferRefusal = TicketRules.TransferRefusal(t, Now);
        }
        return true;
    }
}
