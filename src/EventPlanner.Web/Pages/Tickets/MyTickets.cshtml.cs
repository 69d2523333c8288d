using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Tickets;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MyTicketsModel(RegistrationStore registrations, TransferStore transfers, TransferBoardStore board) : PageModel
{
    public IReadOnlyList<TicketRow> Tickets { get; private set; } = [];
    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];
    public IReadOnlyList<TransferRow> Incoming { get; private set; } = [];
    public IReadOnlyList<(TransferRow Transfer, string Status)> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = User.RequiredUserId();
        Tickets = await registrations.ListHeldAsync(userId);
        Waiting = await registrations.ListWaitingAsync(userId);
        Incoming = await transfers.IncomingAsync(userId);
        Requests = await board.MyRequestsAsync(userId);
    }

    public async Task<IActionResult> OnPostLeaveAsync(long waitingId)
    {
        TempData["Flash"] = await registrations.LeaveWaitingListAsync(User.RequiredUserId(), waitingId)
            ? "You left the waiting list." : "You were not on that waiting list.";
        return RedirectToPage();
    }
}
