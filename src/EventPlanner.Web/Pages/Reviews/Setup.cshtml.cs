using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>Organisers set up reviewing: how the total adds up, criteria, phases and reviewer teams.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class SetupModel(ReviewAccess access, ReviewSetupStore store, TimeProvider clock) : PageModel
{
    public ReviewContext Context { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public SettingsForm Settings { get; set; } = new();
    [BindProperty] public CriterionForm Criterion { get; set; } = new();
    [BindProperty] public PhaseForm Phase { get; set; } = new();
    [BindProperty] public TeamForm Team { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        Settings = new SettingsForm
        {
            TotalMethod = Context.Settings.TotalMethod, ReviewersPerProposal = Context.Settings.ReviewersPerProposal, ConfirmDays = Context.Settings.ConfirmDays,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(string slug) => DoAsync(slug, async v =>
    {
        var values = SetupRules.Validate(new ReviewSettingsInput(Settings.TotalMethod, Settings.ReviewersPerProposal, Settings.ConfirmDays), v);
        if (values is not null) await store.SaveSettingsAsync(Context.Event.Id, values);
    }, "Review settings saved.", "Settings");

    public Task<IActionResult> OnPostCriterionAsync(string slug, long? criterionId) => DoAsync(slug, async v =>
    {
        var values = SetupRules.Validate(new CriterionInput(Criterion.Name, Criterion.Description, Criterion.MinScore, Criterion.MaxScore, Criterion.Weight,
            Criterion.TrackIds, Criterion.SortOrder), Context, v);
        if (values is null) return;
        var row = criterionId is { } id ? await store.UpdateCriterionAsync(Context.Event.Id, id, values, v) : await store.AddCriterionAsync(Context.Event.Id, values, v);
        if (row is null && !v.HasErrors) v.Add("name", "There is no such criterion.");
    }, $"The criterion '{Criterion.Name}' is saved.", "Criterion");

    public Task<IActionResult> OnPostRemoveCriterionAsync(string slug, long criterionId) => DoAsync(slug, async v =>
    {
        if (!await store.RemoveCriterionAsync(Context.Event.Id, criterionId)) v.Add("name", "There is no such criterion.");
    }, "The criterion is removed.", "Criterion");

    public Task<IActionResult> OnPostPhaseAsync(string slug, long? phaseId) => DoAsync(slug, async v =>
    {
        var values = SetupRules.Validate(new PhaseInput(Phase.Name, Phase.OpensAt, Phase.ClosesAt, Phase.Reviewers, Phase.TeamId, Phase.ProposalStates,
            Phase.OtherScores, Phase.HideSpeakers), Context, v);
        if (values is null) return;
        var row = phaseId is { } id ? await store.UpdatePhaseAsync(Context.Event.Id, id, values, v) : await store.AddPhaseAsync(Context.Event.Id, values, v);
        if (row is null && !v.HasErrors) v.Add("name", "There is no such phase.");
    }, $"The phase '{Phase.Name}' is saved.", "Phase");

    public Task<IActionResult> OnPostRemovePhaseAsync(string slug, long phaseId) => DoAsync(slug, async v =>
    {
        if (!await store.RemovePhaseAsync(Context.Event.Id, phaseId)) v.Add("name", "There is no such phase.");
    }, "The phase is removed.", "Phase");

    public Task<IActionResult> OnPostTeamAsync(string slug, long? teamId) => DoAsync(slug, async v =>
    {
        var emails = (Team.Members ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = SetupRules.Validate(new TeamInput(Team.Name, Team.TrackIds, Team.SessionTypeIds, emails), Context, v);
        if (values is null) return;
        var id = teamId is { } existing ? await store.UpdateTeamAsync(Context.Event.Id, existing, values, v) : await store.AddTeamAsync(Context.Event.Id, values, v);
        if (id is null && !v.HasErrors) v.Add("name", "There is no such team.");
    }, $"The team '{Team.Name}' is saved.", "Team");

    public Task<IActionResult> OnPostRemoveTeamAsync(string slug, long teamId) => DoAsync(slug, async v =>
    {
        if (!await store.RemoveTeamAsync(Context.Event.Id, teamId)) v.Add("name", "There is no such team.");
    }, "The team is removed.", "Team");

    private async Task<IActionResult> DoAsync(string slug, Func<Validator, Task> work, string flash, string prefix)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        await work(v);
        if (v.HasErrors)
        {
            ModelState.AddErrors(v, prefix);
            return Page();
        }
        TempData["Flash"] = flash;
        return Redirect($"/events/{slug}/review/setup");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return false;
        Context = ctx;
        Now = clock.GetUtcNow();
        return true;
    }

    public sealed class SettingsForm
    {
        public string? TotalMethod { get; set; }
        public int? ReviewersPerProposal { get; set; }
        public int? ConfirmDays { get; set; }
    }

    public sealed class CriterionForm
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public int? MinScore { get; set; }
        public int? MaxScore { get; set; }
        public double? Weight { get; set; }
        public List<long>? TrackIds { get; set; }
        public int? SortOrder { get; set; }
    }

    public sealed class PhaseForm
    {
        public string? Name { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public string? Reviewers { get; set; }
        public long? TeamId { get; set; }
        public string? ProposalStates { get; set; }
        public string? OtherScores { get; set; }
        public bool HideSpeakers { get; set; }
    }

    public sealed class TeamForm
    {
        public string? Name { get; set; }
        public List<long>? TrackIds { get; set; }
        public List<long>? SessionTypeIds { get; set; }
        public string? Members { get; set; }
    }
}
