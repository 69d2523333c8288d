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
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        v.Required("password", Input.Password, 1000, "Password");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        var user = await users.FindByEmailAsync(email!);
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(SafeReturnUrl());
            if (result.IsLockedOut)
            {
                ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes. You can reset your password meanwhile.");
                return Page();
            }
            if (result.IsNotAllowed)
            {
                ModelState.AddModelError("", "Please confirm your email address first: open the link in the message we sent you.");
                return Page();
            }
        }
        // The same words whether the address exists or not, so the form cannot be used to probe for accounts.
        ModelState.AddModelError("", "That email and password do not match an account.");
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }
}
