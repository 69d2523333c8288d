using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages;

/// <summary>The one-time page, reached from the link printed at start-up, that creates the first site administrator.</summary>
[AllowAnonymous]
public sealed class SetupModel(
    SetupLink setup, UserQueries userQueries, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public SetupInput Input { get; set; } = new();
    public bool LinkInvalid { get; private set; }
    public int MinPasswordLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync() => await LinkWorksAsync() ? Page() : Invalid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LinkWorksAsync()) return Invalid();
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        var name = v.Required("displayName", Input.DisplayName, 100, "Display name");
        v.Required("password", Input.Password, 1000, "Password");
        if (Input.Password != Input.ConfirmPassword) v.Add("confirmPassword", "The two passwords are not the same.");
        if (v.HasErrors) { ModelState.AddErrors(v); return Page(); }

        var user = new AppUser { Email = email!, DisplayName = name!, EmailConfirmed = true, IsAdmin = true };
        // Everything Identity would refuse is checked before the token is used up, so a typo does not burn the link.
        var problems = new List<IdentityError>();
        foreach (var validator in users.UserValidators) problems.AddRange((await validator.ValidateAsync(users, user)).Errors);
        foreach (var validator in users.PasswordValidators) problems.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors);
        if (problems.Count > 0)
        {
            ModelState.AddIdentityErrors(problems, emailKey: "Input.Email", passwordKey: "Input.Password");
            return Page();
        }

        // Of two racing posts only one consumes the token; the other is told the link is used.
        if (!await setup.ConsumeAsync(Token!)) return Invalid();
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, Input.Password!);
        }
        catch
        {
            await setup.RestoreAsync(Token!);
            throw;
        }
        if (!created.Succeeded)
        {
            await setup.RestoreAsync(Token!);
            ModelState.AddIdentityErrors(created.Errors, emailKey: "Input.Email", passwordKey: "Input.Password");
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = "Welcome! You are the site administrator. Choose who may create events under Settings.";
        return LocalRedirect("/");
    }

    // Once any administrator exists the first-administrator page has no purpose, whatever the token.
    private async Task<bool> LinkWorksAsync() => await setup.IsValidAsync(Token) && !await userQueries.AnyAdminAsync();

    private PageResult Invalid()
    {
        LinkInvalid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public sealed class SetupInput
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
