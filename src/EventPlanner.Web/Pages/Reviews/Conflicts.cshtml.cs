using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>A reviewer's conflicts of interest: those declared, one with a person by email, and suggestions to look at.</summary>
[Authorize(Policy = Policies.EventReviewer)]
public sealed class ConflictsModel(ReviewAccess access, ConflictStore conflicts) : PageModel
{
    public ReviewSession Session { get; private set; } = null!;
    public IReadOnlyList<MyConflictResponse> Mine { get; private set; } = [];
    public IReadOnlyList<SuggestionResponse> Suggestions { get; private set; } = [];

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var v = new Validator();
        if (!await conflicts.DeclareWithSpeakerAsync(Session.EventId, Session.Reviewer.UserId, Session.Reviewer.UserId, Email, Reason, v))
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        TempData["Flash"] = "Conflict declared: none of that person's proposals will come to you.";
        return Redirect($"/events/{slug}/review/conflicts");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        if (await access.ForReviewerAsync(HttpContext, slug) is not { } s) return false;
        Session = s;
        Mine = (await conflicts.ListAsync(s.EventId, s.Reviewer.UserId)).Select(k => k.AsMine(s.Anonymous)).ToList();
        Suggestions = (await conflicts.SuggestionsAsync(s.EventId, s.Reviewer.UserId)).Select(k => k.AsResponse(s.Anonymous)).ToList();
        return true;
    }
}
