using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class TeamModel(EventStore store, TeamStore team, OrganiserImpacts impacts) : ManagePageModel(store)
{
    /// <summary>The confirmation step of removing someone's role; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    [BindProperty] public MemberForm Input { get; set; } = new();
    public IReadOnlyList<TeamMemberRow> Team { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var email = v.Required("email", Input.Email, 254, "Email");
        var role = EventRules.ValidateRole(Input.Role, v);
        var row = v.HasErrors ? null : await team.GrantAsync(Event.Id, email!, role!, User.RequiredUserId(), v);
        if (row is null)
        {
            ModelState.AddErrors(v);
            return Page();
        }
        TempData["Flash"] = $"{row.DisplayName} is now {Article(row.Role)} {row.Role}.";
        return RedirectToPage(new { slug = Slug });
    }

    /// <summary>The first post shows what the person can no longer do; only a post with the stamp of those same counts removes.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(long userId, string? role, string? stamp)
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var r = EventRules.ValidateRole(role, v);
        if (r is not null && !v.HasErrors)
        {
            if (await impacts.TeamRoleAsync(Event.Id, userId, r) is not { } what)
            {
                TempData["Flash"] = "That role was already gone.";
                return RedirectToPage(new { slug = Slug });
            }
            if (!what.ConfirmedBy(stamp)) return Ask(what, userId, r, stamp is not null);
        }
        var check = new StampCheck(Event.Id, stamp, (c, tx) => OrganiserImpacts.TeamRoleAsync(c, tx, Event.Id, userId, r!));
        var removed = r is not null && await team.RevokeAsync(Event.Id, userId, r, v, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, userId, r!, true);
        if (v.HasErrors)
        {
            // Keyed apart from the add form, so the message shows in the summary rather than under its fields.
            ModelState.AddErrors(v, "Remove");
            return Page();
        }
        TempData["Flash"] = removed ? "Removed from the team." : "That role was already gone.";
        // Someone who just stepped down as organiser can no longer see the manage pages.
        if (userId == User.RequiredUserId() && r == EventRoles.Organiser) return RedirectToPage("/Events/Details", new { slug = Slug });
        return RedirectToPage(new { slug = Slug });
    }

    private PageResult Ask(Impact what, long userId, string role, bool changed)
    {
        Confirm = new ConfirmView(what, $"Remove {what.Subject}?", "Remove",
            new Dictionary<string, string> { ["userId"] = userId.ToString(), ["role"] = role }, $"Remove {what.Subject}",
            $"/events/{Slug}/manage/team", "Keep them", changed);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync()) return false;
        Team = await team.ListTeamAsync(Event.Id);
        return true;
    }

    private static string Article(string role) => role == EventRoles.Organiser ? "an" : "a";

    public sealed class MemberForm
    {
        public string? Email { get; set; }
        public string? Role { get; set; } = EventRoles.Reviewer;
    }
}
