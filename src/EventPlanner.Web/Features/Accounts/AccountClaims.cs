using System.Security.Claims;

namespace EventPlanner.Web.Features.Accounts;

public static class AccountClaims
{
    public const string DisplayName = "ep:display_name";
    public const string ApiTokenId = "ep:api_token";

    /// <summary>The signed-in user's id, or null for an anonymous caller.</summary>
    public static long? UserId(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static long RequiredUserId(this ClaimsPrincipal principal) =>
        principal.UserId() ?? throw new InvalidOperationException("This endpoint's policy should have required a signed-in user.");

    public static string DisplayNameOf(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayName) ?? principal.Identity?.Name ?? "";
}
