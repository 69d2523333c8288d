using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Account;

[AllowAnonymous]
public sealed class AccessDeniedModel : PageModel
{
    // The cookie handler redirects here on a forbidden page; answer 403 so clients and tests see the refusal.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
