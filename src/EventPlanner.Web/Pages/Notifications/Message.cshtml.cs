using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Notifications;

[Authorize(Policy = Policies.SignedIn)]
public sealed class MessageModel(InboxQueries inbox) : PageModel
{
    public NotificationRow Item { get; private set; } = new();

    // Opening a notification is reading it, as in any mail client; nobody else's can be opened.
    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await inbox.OpenAsync(User.RequiredUserId(), id) is not { } item) return NotFound();
        Item = item;
        return Page();
    }

    public async Task<IActionResult> OnPostMarkUnreadAsync(long id)
    {
        if (await inbox.MarkUnreadAsync(User.RequiredUserId(), id) == 0) return NotFound();
        TempData["Flash"] = "Marked as unread.";
        return Redirect("/inbox");
    }
}
