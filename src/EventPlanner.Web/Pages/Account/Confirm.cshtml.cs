using EventPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Account;

[AllowAnonymous]
public sealed class ConfirmModel(UserManager<AppUser> users) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? token, string? returnUrl)
    {
        ReturnUrl = Url.Safe(returnUrl);
        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(userId);
        // Identity's confirmation token stays valid after use; an already confirmed address is what makes it "used".
        if (user is { EmailConfirmed: false } && (await users.ConfirmEmailAsync(user, token!)).Succeeded)
        {
            Confirmed = true;
            return Page();
        }
        // One answer for every failure, so the link cannot be used to learn about other accounts.
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
