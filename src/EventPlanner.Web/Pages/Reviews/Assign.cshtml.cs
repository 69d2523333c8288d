using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>Organisers assign proposals (automatically or by hand) and look after conflicts of interest.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class AssignModel(ReviewAccess access, AssignmentStore assignments, ConflictStore conflicts) : PageModel
{
    public ReviewContext Context { get; private set; } = null!;
    public IReadOnlyList<ReviewerLoadRow> Loads { get; private set; } = [];
    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];
    public IReadOnlyList<ConflictRow> Conflicts { get; private set; } = [];
    public IReadOnlyList<ConflictSuggestionRow> Suggestions { get; private set; } = [];

    [BindProperty] public int? PerProposal { get; set; }
    [BindProperty] public string? ProposalStates { get; set; }
    [BindProperty] public long? TeamId { get; set; }
    [BindProperty] public long? ProposalId { get; set; }
    [BindProperty] public long? ReviewerId { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        PerProposal = Context.Settings.ReviewersPerProposal;
        return Page();
    }

    public async Task<IActionResult> OnPostAutoAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        var per = v.Range("perProposal", PerProposal, 1, 20, "Reviewers per proposal");
        var scope = string.IsNullOrEmpty(ProposalStates) ? PhaseRules.SubmittedProposals : ProposalStates;
        if (!PhaseRules.ProposalScopes.Contains(scope)) v.Add("proposalStates", "Assign the submitted proposals or the shortlist.");
        if (v.HasErrors) return Invalid(v);
        var result = await assignments.AutoAssignAsync(Context.Event.Id, per, PhaseRules.StatesFor(scope), TeamId, (int)Context.Event.Id, User.RequiredUserId());
        TempData["Flash"] = $"{result.Added} assignment{(result.Added == 1 ? "" : "s")} added over {result.Proposals} proposals; each reviewer now has " +
                            $"{result.MinLoad}{(result.MaxLoad != result.MinLoad ? $" to {result.MaxLoad}" : "")}." +
                            (result.Short.Count > 0 ? $" {result.Short.Count} proposal(s) have fewer eligible reviewers than that." : "");
        return Redirect($"/events/{slug}/review/assign");
    }

    public async Task<IActionResult> OnPostAssignAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (ProposalId is null) v.Add("proposalId", "Give the proposal's number.");
        if (ReviewerId is null) v.Add("reviewerId", "Choose a reviewer.");
        if (!v.HasErrors && await assignments.AssignAsync(Context.Event.Id, ProposalId!.Value, ReviewerId!.Value, User.RequiredUserId(), v))
        {
            TempData["Flash"] = $"Proposal #{ProposalId} is assigned.";
            return Redirect($"/events/{slug}/review/assign");
        }
        return Invalid(v);
    }

    public async Task<IActionResult> OnPostUnassignAsync(string slug, long proposalId, long reviewerId)
    {
        if (!await LoadAsync(slug)) return NotFound();
        await assignments.UnassignAsync(Context.Event.Id, proposalId, reviewerId);
        TempData["Flash"] = $"Proposal #{proposalId} is no longer assigned to that reviewer.";
        return Redirect($"/events/{slug}/review/assign");
    }

    public async Task<IActionResult> OnPostRecordConflictAsync(string slug, long proposalId, long reviewerId, string? reason)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        await conflicts.RecordForReviewerAsync(Context.Event.Id, reviewerId, proposalId, User.RequiredUserId(), reason, v);
        TempData["Flash"] = v.HasErrors ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : $"Conflict recorded for proposal #{proposalId}.";
        return Redirect($"/events/{slug}/review/assign");
    }

    public async Task<IActionResult> OnPostLiftConflictAsync(string slug, long conflictId)
    {
        if (!await LoadAsync(slug)) return NotFound();
        await conflicts.RemoveAsync(Context.Event.Id, conflictId);
        TempData["Flash"] = "Conflict lifted.";
        return Redirect($"/events/{slug}/review/assign");
    }

    private IActionResult Invalid(Validator v)
    {
        ModelState.AddErrors(v, "");
        return Page();
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return false;
        Context = ctx;
        Loads = await assignments.LoadsAsync(ctx.Event.Id);
        Assignments = await assignments.ListAsync(ctx.Event.Id);
        Conflicts = await conflicts.ListAsync(ctx.Event.Id);
        Suggestions = await conflicts.SuggestionsAsync(ctx.Event.Id);
        return true;
    }
}
