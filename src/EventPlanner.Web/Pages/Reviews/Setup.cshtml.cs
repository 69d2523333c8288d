using System.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>Organisers set up reviewing: how the total adds up, criteria, phases and reviewer teams.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class SetupModel(ReviewAccess access, ReviewSetupStore store, ReviewSetupImpacts impacts, TimeProvider clock) : PageModel
{
    /// <summary>The confirmation step of removing a criterion, phase or team; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public ReviewContext Context { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public SettingsForm Settings { get; set; } = new();
    [BindProperty] public CriterionForm Criterion { get; set; } = new();
    [BindProperty] public PhaseForm Phase { get; set; } = new();
    [BindProperty] public TeamForm Team { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        FillSettings();
        return Page();
    }

    private void FillSettings() => Settings = new SettingsForm
    {
        TotalMethod = Context.Settings.TotalMethod, ReviewersPerProposal = Context.Settings.ReviewersPerProposal, ConfirmDays = Context.Settings.ConfirmDays,
    };

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

    public Task<IActionResult> OnPostRemoveCriterionAsync(string slug, long criterionId, string? stamp) =>
        RemoveAsync(slug, "RemoveCriterion", "criterionId", criterionId, stamp, "criterion",
            id => impacts.CriterionAsync(Context.Event.Id, id), (c, tx) => ReviewSetupImpacts.CriterionAsync(c, tx, Context.Event.Id, criterionId),
            guard => store.RemoveCriterionAsync(Context.Event.Id, criterionId, stillAsShown: guard));

    public Task<IActionResult> OnPostPhaseAsync(string slug, long? phaseId) => DoAsync(slug, async v =>
    {
        var values = SetupRules.Validate(new PhaseInput(Phase.Name, Phase.OpensAt, Phase.ClosesAt, Phase.Reviewers, Phase.TeamId, Phase.ProposalStates,
            Phase.OtherScores, Phase.HideSpeakers), Context, v);
        if (values is null) return;
        var row = phaseId is { } id ? await store.UpdatePhaseAsync(Context.Event.Id, id, values, v) : await store.AddPhaseAsync(Context.Event.Id, values, v);
        if (row is null && !v.HasErrors) v.Add("name", "There is no such phase.");
    }, $"The phase '{Phase.Name}' is saved.", "Phase");

    public Task<IActionResult> OnPostRemovePhaseAsync(string slug, long phaseId, string? stamp) =>
        RemoveAsync(slug, "RemovePhase", "phaseId", phaseId, stamp, "phase",
            id => impacts.PhaseAsync(Context.Event.Id, id), (c, tx) => ReviewSetupImpacts.PhaseAsync(c, tx, Context.Event.Id, phaseId),
            guard => store.RemovePhaseAsync(Context.Event.Id, phaseId, stillAsShown: guard));

    public Task<IActionResult> OnPostTeamAsync(string slug, long? teamId) => DoAsync(slug, async v =>
    {
        var emails = (Team.Members ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = SetupRules.Validate(new TeamInput(Team.Name, Team.TrackIds, Team.SessionTypeIds, emails), Context, v);
        if (values is null) return;
        var id = teamId is { } existing ? await store.UpdateTeamAsync(Context.Event.Id, existing, values, v) : await store.AddTeamAsync(Context.Event.Id, values, v);
        if (id is null && !v.HasErrors) v.Add("name", "There is no such team.");
    }, $"The team '{Team.Name}' is saved.", "Team");

    public Task<IActionResult> OnPostRemoveTeamAsync(string slug, long teamId, string? stamp) =>
        RemoveAsync(slug, "RemoveTeam", "teamId", teamId, stamp, "team",
            id => impacts.TeamAsync(Context.Event.Id, id), (c, tx) => ReviewSetupImpacts.TeamAsync(c, tx, Context.Event.Id, teamId),
            guard => store.RemoveTeamAsync(Context.Event.Id, teamId, stillAsShown: guard));

    /// <summary>
    /// The first post shows what the removal touches; only a post with the stamp of those same counts removes, and the
    /// store recounts them inside its delete (StampCheck), so a score or member added meanwhile asks again.
    /// </summary>
    private async Task<IActionResult> RemoveAsync(string slug, string handler, string field, long id, string? stamp, string what,
        Func<long, Task<Impact?>> count, Func<IDbConnection, IDbTransaction?, Task<Impact?>> recount, Func<Func<IDbConnection, IDbTransaction, Task<bool>>, Task<bool>> remove)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var back = $"/events/{slug}/review/setup";
        if (await count(id) is not { } shown)
        {
            TempData["Flash"] = $"That {what} was already gone.";
            return Redirect(back);
        }
        if (!shown.ConfirmedBy(stamp)) return Ask(shown, handler, field, id, what, back, stamp is not null);
        var check = new StampCheck(Context.Event.Id, stamp, recount);
        var removed = await remove(check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, handler, field, id, what, back, true);
        TempData["Flash"] = removed ? $"The {what} {shown.Subject} is removed." : $"That {what} was already gone.";
        return Redirect(back);
    }

    private PageResult Ask(Impact shown, string handler, string field, long id, string what, string back, bool changed)
    {
        FillSettings();
        Confirm = new ConfirmView(shown, $"Remove the {what} {shown.Subject}?", handler, new Dictionary<string, string> { [field] = id.ToString() },
            $"Remove {shown.Subject}", back, $"Keep the {what}", changed);
        return Page();
    }

    private async Task<IActionResult> DoAsync(string slug, Func<Validator, Task> work, string flash, string prefix) =>
        await LoadAsync(slug) ? await this.ValidatedAsync(work, flash, prefix, $"/events/{slug}/review/setup") : NotFound();

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
