using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Admin;

[Authorize(Policy = Policies.SiteAdmin)]
public sealed class SettingsModel(SiteSettingsStore settings, AdminStore admins) : PageModel
{
    [BindProperty] public EventCreation? EventCreation { get; set; }
    [BindProperty] public AddAdminInput NewAdmin { get; set; } = new();
    public IReadOnlyList<UserSummary> Admins { get; private set; } = [];

    public async Task OnGetAsync()
    {
        EventCreation = await settings.GetEventCreationAsync();
        Admins = await admins.ListAdminsAsync();
    }

    public async Task<IActionResult> OnPostEventCreationAsync()
    {
        if (EventCreation is not { } choice || !Enum.IsDefined(choice))
        {
            ModelState.Remove(nameof(EventCreation));
            ModelState.AddModelError(nameof(EventCreation), "Choose who may create events.");
            return await ShowAsync();
        }
        await settings.SetEventCreationAsync(choice);
        TempData["Flash"] = choice == Features.Accounts.EventCreation.AnySignedInUser
            ? "Any signed-in user may now create events."
            : "Only administrators may now create events.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAdminAsync()
    {
        var v = new Validator();
        var email = v.Required("email", NewAdmin.Email, 254, "Email");
        if (v.HasErrors) { ModelState.AddErrors(v, nameof(NewAdmin)); return await ShowAsync(); }

        var outcome = await admins.MakeAdminAsync(email!);
        var problem = outcome switch
        {
            AdminGrant.NoSuchUser => "No account uses that email address. Ask them to register first.",
            AdminGrant.NotConfirmed => "That account has not confirmed its email address yet.",
            _ => null,
        };
        if (problem is not null)
        {
            ModelState.AddModelError("NewAdmin.Email", problem);
            return await ShowAsync();
        }
        TempData["Flash"] = outcome == AdminGrant.AlreadyAdmin ? $"{email} is already an administrator." : $"{email} is now an administrator.";
        return RedirectToPage();
    }

    private async Task<PageResult> ShowAsync()
    {
        EventCreation = await settings.GetEventCreationAsync();
        Admins = await admins.ListAdminsAsync();
        return Page();
    }

    public sealed class AddAdminInput
    {
        public string? Email { get; set; }
    }
}
