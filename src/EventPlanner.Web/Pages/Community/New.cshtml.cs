using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Community;

/// <summary>Start a community group: the creator becomes its host and the organisers are asked to approve it.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewModel(CommunityAccess access, GroupStore store) : CommunityPageModel(access)
{
    [BindProperty] public GroupForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadEventAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        var v = new Validator();
        if (CommunityInputRules.Validate(Input.AsInput(), v) is not { } values)
        {
            ModelState.AddErrors(v);
            return Page();
        }
        var outcome = await store.CreateAsync(Event, User.RequiredUserId(), values, v);
        if (!Succeeded(outcome, "Input")) return Page();
        TempData["Flash"] = $"{values.Name} is waiting for the organisers' approval. You can ask for a room once they approve it.";
        return Redirect($"/events/{Slug}/community/groups/{outcome.Value!.Id}");
    }
}

public sealed class GroupForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Contacts { get; set; }
    public string? LogoUrl { get; set; }

    public GroupInput AsInput() => new(Name, Description, Contacts, LogoUrl);
}
