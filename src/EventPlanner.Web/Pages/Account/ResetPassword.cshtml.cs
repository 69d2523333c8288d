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
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public ResetInput Input { get; set; } = new();
    public bool LinkInvalid { get; private set; }
    public int MinPasswordLength => users.Options.Password.RequiredLength;

    // Checking the token up front spares people typing a new password into a dead link.
    public async Task<IActionResult> OnGetAsync() =>
        await FindUserWithValidTokenAsync() is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var v = new Validator();
        v.Required("password", Input.Password, 1000, "New password");
        if (Input.Password != Input.ConfirmPassword) v.Add("confirmPassword", "The two passwords are not the same.");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) || await users.FindByEmailAsync(Email) is not { } user) return Invalid();
        // Identity also renews the security stamp here, which ends other sessions and makes this link single-use.
        var result = await users.ResetPasswordAsync(user, Token, Input.Password!);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) return Invalid();
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result.Errors, passwordKey: "Input.Password");
            return Page();
        }
        // The link came through the mailbox, which is all that confirming the address would prove.
        user.EmailConfirmed = true;
        await users.SetLockoutEndDateAsync(user, null); // also saves EmailConfirmed
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = "Your password is changed. Log in with the new one.";
        return LocalRedirect("/account/login");
    }

    private async Task<AppUser?> FindUserWithValidTokenAsync()
    {
        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token)) return null;
        var user = await users.FindByEmailAsync(Email);
        return user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<AppUser>.ResetPasswordTokenPurpose, Token) ? user : null;
    }

    private PageResult Invalid()
    {
        LinkInvalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class ResetInput
    {
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
