using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Account;

/// <summary>
/// The page that sent someone to log in, carried through registration, the confirmation mail and the login, so they
/// land where they started. Only a same-site path is kept (Url.IsLocalUrl refuses "//host", "/\\host" and absolute
/// addresses): anything else is dropped rather than followed, so no link of ours redirects off the site.
/// </summary>
public static class ReturnUrls
{
    public const int MaxLength = 2000;

    public static string? Safe(this IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxLength } && url.IsLocalUrl(returnUrl) ? returnUrl : null;

    /// <summary>"?returnUrl=…" for a link to another account page, or "" when there is nowhere safe to return to.</summary>
    public static string Query(this IUrlHelper url, string? returnUrl) =>
        url.Safe(returnUrl) is { } safe ? $"?returnUrl={Uri.EscapeDataString(safe)}" : "";
}
