using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Notifications;

/// <summary>
/// The address in List-Unsubscribe. Mail providers POST to it with no cookie and no form token
/// (RFC 8058 one-click), so the POST takes no antiforgery token: the long random token in the path
/// is what proves the request came from the email.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationStore store, NotificationKindRegistry kinds) : PageModel
{
    public bool Done { get; private set; }
    public string KindLabel { get; private set; } = "";
    public string? EventName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await store.FindByUnsubscribeTokenAsync(token) is not { } row) return NotFound();
        Describe(row);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await store.UnsubscribeAsync(token) is not { } row) return NotFound();
        Describe(row);
        Done = true;
        return Page();
    }

    private void Describe(NotificationRow row)
    {
        KindLabel = kinds.Label(row.Kind);
        EventName = row.EventId is null ? null : row.Value("event_name");
    }
}
