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

    public void OnGet() => ReturnUrl = Url.Safe(ReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = Url.Safe(ReturnUrl); // the form shows it again on a wrong password: only the checked value
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        v.Required("password", Input.Password, 1000, "Password");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        var user = await users.FindByEmailAsync(email!);
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(SafeReturnUrl());
            // Identity says "not allowed" (unconfirmed address) before it looks at the password. Saying so only to
            // someone who knows the password keeps the form from telling strangers which addresses have accounts;
            // a wrong guess still counts towards the lockout.
            if (result.IsNotAllowed)
            {
                if (await users.CheckPasswordAsync(user, Input.Password!))
                {
                    ModelState.AddModelError("", "Please confirm your email address first: open the link in the message we sent you.");
                    return Page();
                }
                await users.AccessFailedAsync(user);
            }
        }
        // The same words whether the address exists, the password is wrong or the account is locked, so the form
        // cannot be used to probe for accounts; the lockout is explained to everyone.
        ModelState.AddModelError("", NoMatch);
        return Page();
    }

    public const string NoMatch = "That email and password do not match an account. After five wrong passwords an account is locked " +
                                  "for 15 minutes; you can reset your password meanwhile.";

    private string SafeReturnUrl() => Url.Safe(ReturnUrl) ?? "/";

    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }
}
