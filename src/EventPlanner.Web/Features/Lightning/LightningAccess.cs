using System.Security.Cryptography;
using System.Text;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// Who sees what. Like the event page, a hidden event does not exist for strangers (404). The run sheet opens for
/// the event's organisers, and for whoever holds the session's run-sheet link (the MC need not have an account).
/// </summary>
public sealed class LightningAccess(EventStore events, EventAccess access) : EventVisibility(events, access)
{
    public async Task<bool> CanRunAsync(HttpContext http, string slug, LightningSessionRow s, string? key) =>
        (key is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(s.RunSheetKey)))
        || await IsOrganiserAsync(http, slug);
}
