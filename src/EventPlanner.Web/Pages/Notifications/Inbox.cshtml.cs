using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Notifications;

[Authorize(Policy = Policies.SignedIn)]
public sealed class InboxModel(InboxQueries inbox) : PageModel
{
    public IReadOnlyList<NotificationRow> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task OnGetAsync()
    {
        Items = await inbox.ListAsync(User.RequiredUserId());
        Unread = Items.Count(i => i.ReadAt is null);
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync()
    {
        var count = await inbox.MarkAllReadAsync(User.RequiredUserId());
        TempData["Flash"] = count == 1 ? "Marked 1 notification as read." : $"Marked {count} notifications as read.";
        return RedirectToPage();
    }
}
