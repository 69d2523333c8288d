using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Privacy;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class ProfileModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, ApiTokenStore tokens, AdminStore admins, DataExports exports) : PageModel
{
    [BindProperty] public NameInput NameForm { get; set; } = new();
    [BindProperty] public PasswordInput PasswordForm { get; set; } = new();
    [BindProperty] public TokenInput TokenForm { get; set; } = new();
    [BindProperty] public DeleteInput DeleteForm { get; set; } = new();

    public AppUser Account { get; private set; } = null!;
    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];
    /// <summary>A token created by this very request: shown once, never stored or redirected with.</summary>
    public string? NewSecret { get; private set; }
    public int MinPasswordLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : await GoneAsync();

    public async Task<IActionResult> OnPostDisplayNameAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return await GoneAsync();
        var v = new Validator();
        var name = v.Required("displayName", NameForm.DisplayName, 100, "Display name");
        if (v.HasErrors) { ModelState.AddErrors(v, nameof(NameForm)); return await ShowAsync(user); }

        user.DisplayName = name!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) { ModelState.AddIdentityErrors(result.Errors); return await ShowAsync(user); }
        await signIn.RefreshSignInAsync(user); // the name travels in the cookie
        TempData["Flash"] = "Your display name is changed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return await GoneAsync();
        var v = new Validator();
        v.Required("current", PasswordForm.Current, 1000, "Current password");
        v.Required("new", PasswordForm.New, 1000, "New password");
        if (PasswordForm.New != PasswordForm.ConfirmNew) v.Add("confirmNew", "The two new passwords are not the same.");
        if (v.HasErrors) { ModelState.AddErrors(v, nameof(PasswordForm)); return await ShowAsync(user); }

        if (await CheckPasswordAsync(user, PasswordForm.Current!) is { } refusal)
        {
            ModelState.AddModelError("PasswordForm.Current", refusal);
            return await ShowAsync(user);
        }
        var result = await users.ChangePasswordAsync(user, PasswordForm.Current!, PasswordForm.New!);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result.Errors, passwordKey: "PasswordForm.New", currentPasswordKey: "PasswordForm.Current");
            return await ShowAsync(user);
        }
        // The security stamp changed, which ends other sessions; keep this one.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password is changed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return await GoneAsync();
        var v = new Validator();
        var name = v.Required("name", TokenForm.Name, 100, "Token name");
        if (v.HasErrors) { ModelState.AddErrors(v, nameof(TokenForm)); return await ShowAsync(user); }

        var (_, secret) = await tokens.CreateAsync(user.Id, name!);
        // Answered here rather than after a redirect, so the secret never sits in a cookie or a cache.
        NewSecret = secret;
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        TokenForm = new();
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id)
    {
        var userId = User.RequiredUserId();
        if (await tokens.RevokeAsync(userId, id))
        {
            TempData["Flash"] = "The token is revoked; scripts using it are refused from now on.";
            return RedirectToPage();
        }
        if ((await tokens.ListAsync(userId)).Any(t => t.Id == id))
        {
            TempData["Flash"] = "That token was already revoked.";
            return RedirectToPage();
        }
        return NotFound();
    }

    /// <summary>Everything the app holds about the person: the file at once, or (when large) a mail with a link later.</summary>
    public async Task<IActionResult> OnPostExportAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return await GoneAsync();
        switch ((await exports.RequestAsync(user.Id, HttpContext.RequestAborted)).Value)
        {
            case DataExports.Export.Ready ready:
                Response.Headers.CacheControl = "no-store";
                return File(ready.Json, "application/json", ready.FileName);
            case DataExports.Export.Queued queued:
                TempData["Flash"] = $"Your data is being gathered. We will mail {user.Email} a download link, valid until {queued.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
                return RedirectToPage();
            default:
                return await GoneAsync();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return await GoneAsync();
        var v = new Validator();
        v.Required("password", DeleteForm.Password, 1000, "Password");
        if (v.HasErrors) { ModelState.AddErrors(v, nameof(DeleteForm)); return await ShowAsync(user); }

        if (await CheckPasswordAsync(user, DeleteForm.Password!) is { } refusal)
        {
            ModelState.AddModelError("DeleteForm.Password", refusal);
            return await ShowAsync(user);
        }
        switch (await admins.DeleteAccountAsync(user.Id))
        {
            case AccountDeletion.LastAdministrator:
                ModelState.AddModelError("DeleteForm.Password",
                    "You are the only site administrator. Make someone else an administrator first (Settings), then delete your account.");
                return await ShowAsync(user);
            case AccountDeletion.Refused refused:
                ModelState.AddModelError("DeleteForm.Password", refused.Reason);
                return await ShowAsync(user);
            case AccountDeletion.NotFound:
                return await GoneAsync();
        }
        await signIn.SignOutAsync();
        TempData["Flash"] = "Your account is deleted. Thank you for using EventPlanner.";
        return LocalRedirect("/");
    }

    /// <summary>Null when the password is right. Wrong guesses count towards the lockout, as on the login form.</summary>
    private async Task<string?> CheckPasswordAsync(AppUser user, string password)
    {
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded) return null;
        return result.IsLockedOut
            ? "Too many wrong passwords: your account is locked for 15 minutes."
            : "That is not your current password.";
    }

    private async Task<PageResult> ShowAsync(AppUser user)
    {
        Account = user;
        Tokens = await tokens.ListAsync(user.Id);
        NameForm.DisplayName ??= user.DisplayName;
        return Page();
    }

    // The cookie can outlive the account by up to a minute (the security stamp check); end it now.
    private async Task<IActionResult> GoneAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login");
    }

    public sealed class NameInput
    {
        public string? DisplayName { get; set; }
    }

    public sealed class PasswordInput
    {
        public string? Current { get; set; }
        public string? New { get; set; }
        public string? ConfirmNew { get; set; }
    }

    public sealed class TokenInput
    {
        public string? Name { get; set; }
    }

    public sealed class DeleteInput
    {
        public string? Password { get; set; }
    }
}
