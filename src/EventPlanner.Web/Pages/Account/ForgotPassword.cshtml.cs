using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EventPlanner.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(WebPlatform.AuthRateLimit)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMailer mailer) : PageModel
{
    [BindProperty] public ForgotInput Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        if (await users.FindByEmailAsync(email!) is { } user) await mailer.SendPasswordResetAsync(user, ct);
        // The same answer either way, so the form cannot be used to find out who has an account.
        return RedirectToPage(new { sent = true });
    }

    public sealed class ForgotInput
    {
        public string? Email { get; set; }
    }
}
