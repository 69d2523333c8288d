using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>
/// One proposal as a reviewer sees it, with the review form and "Declare a conflict". The proposal comes through
/// the reviewer's scope: their own, a conflicted one or another track's is 404, as for the API.
/// </summary>
[Authorize(Policy = Policies.EventReviewer)]
public sealed class ProposalModel(ReviewAccess access, ReviewerActions actions, ConflictStore conflicts) : PageModel
{
    public ReviewSession Session { get; private set; } = null!;
    public ReviewerProposalView View { get; private set; } = null!;

    // Read from the form by hand (ScoresFromForm): with no score ticked, the dictionary binder falls back to the whole
    // form and reports every other field as a malformed key ("The input string 'Comment' was not in a correct format").
    public Dictionary<long, int?> Scores { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? NoteToSpeaker { get; set; }
    [BindProperty] public string? ConflictScope { get; set; }
    [BindProperty] public string? ConflictReason { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, long proposalId)
    {
        if (!await LoadAsync(slug, proposalId)) return NotFound();
        if (View.MyReview is { } mine)
        {
            Scores = mine.Scores.ToDictionary(s => s.Key, s => (int?)s.Value);
            Comment = mine.Comment;
            NoteToSpeaker = mine.NoteToSpeaker;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, long proposalId, string? abstain)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return NotFound();
        var v = new Validator();
        var abstaining = abstain == "true";
        Scores = ScoresFromForm();
        var outcome = await actions.SaveAsync(s, proposalId, new ReviewInput(abstaining ? null : Scores, Comment, NoteToSpeaker, abstaining), v);
        if (outcome.Kind == WriteKind.NotFound) return NotFound();
        if (!ModelState.AddErrors(outcome, ""))
        {
            return await LoadAsync(slug, proposalId) ? Page() : NotFound();
        }
        TempData["Flash"] = abstaining ? "You abstained on this proposal." : "Your review is saved.";
        return Redirect($"/events/{slug}/review/{proposalId}");
    }

    public async Task<IActionResult> OnPostConflictAsync(string slug, long proposalId)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return NotFound();
        var v = new Validator();
        var found = await conflicts.DeclareOnProposalAsync(s.EventId, s.Reviewer, s.Phase, proposalId, ConflictScope, ConflictReason, v);
        if (v.HasErrors)
        {
            ModelState.AddErrors(v, "Conflict");
            return await LoadAsync(slug, proposalId) ? Page() : NotFound();
        }
        if (!found) return NotFound();
        TempData["Flash"] = "Conflict declared: that proposal is no longer yours to review.";
        return Redirect($"/events/{slug}/review");
    }

    /// <summary>Scores[criterionId] = n fields; a value that is not a number counts as not given, and the rules say so.</summary>
    private Dictionary<long, int?> ScoresFromForm()
    {
        var scores = new Dictionary<long, int?>();
        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith("Scores[", StringComparison.Ordinal) || !key.EndsWith(']')) continue;
            if (!long.TryParse(key.AsSpan(7, key.Length - 8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var criterion)) continue;
            scores[criterion] = int.TryParse(value.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        return scores;
    }

    private async Task<bool> LoadAsync(string slug, long proposalId)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return false;
        if (await actions.ProposalAsync(s, proposalId) is not { } view) return false;
        Session = s;
        View = view;
        return true;
    }
}
