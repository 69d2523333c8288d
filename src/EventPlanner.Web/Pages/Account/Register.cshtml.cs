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
public sealed class RegisterModel(UserManager<AppUser> users, AccountMailer mailer) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Sent { get; private set; }
    public int MinPasswordLength => users.Options.Password.RequiredLength;

    public void OnGet(bool sent = false)
    {
        Sent = sent;
        ReturnUrl = Url.Safe(ReturnUrl);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReturnUrl = Url.Safe(ReturnUrl);
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        var name = v.Required("displayName", Input.DisplayName, 100, "Display name");
        v.Required("password", Input.Password, 1000, "Password");
        if (Input.Password != Input.ConfirmPassword) v.Add("confirmPassword", "The two passwords are not the same.");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        var user = new AppUser { Email = email!, DisplayName = name! };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded && result.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
            && await users.FindByEmailAsync(email!) is { } owner)
        {
            // The same answer as for a new address, so the form tells no stranger who has an account; the owner is told
            // by mail instead (as the reset page already does).
            await mailer.SendAccountExistsAsync(owner, ct);
            return RedirectToPage(new { sent = true, returnUrl = ReturnUrl });
        }
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result.Errors, emailKey: "Input.Email", passwordKey: "Input.Password");
            return Page();
        }
        await mailer.SendConfirmationAsync(user, ReturnUrl, ct);
        return RedirectToPage(new { sent = true, returnUrl = ReturnUrl });
    }

    public sealed class RegisterInput
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
