using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>
/// Organisers write the copy of a proposal that reviewers read while names are hidden. A first copy starts from the
/// speaker's words with their names, addresses, affiliation and links already taken out.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class RedactModel(ReviewAccess access, ProposalStore proposals, RedactionStore redactions) : PageModel
{
    public ReviewContext Context { get; private set; } = null!;
    public ProposalDetail Detail { get; private set; } = null!;
    public RedactionRow? Existing { get; private set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Abstract { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, long proposalId)
    {
        if (!await LoadAsync(slug, proposalId)) return NotFound();
        if (Existing is { } r)
        {
            (Title, Abstract, Description) = (r.Title, r.Abstract, r.Description);
        }
        else
        {
            var speakers = Detail.Speakers.Select(s => new SpeakerIdentity { Name = s.Name, DisplayName = s.DisplayName, Email = s.Email }).ToList();
            var p = Detail.Proposal;
            (Title, Abstract, Description) = (Anonymiser.Scrub(p.Title, speakers), Anonymiser.Scrub(p.Abstract, speakers), Anonymiser.Scrub(p.Description, speakers));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, long proposalId)
    {
        if (!await LoadAsync(slug, proposalId)) return NotFound();
        var v = new Validator();
        if (await redactions.SaveAsync(Context.Event.Id, proposalId, new RedactionInput(Title, Abstract, Description), User.RequiredUserId(), v) is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        TempData["Flash"] = "Reviewers now read the redacted copy while names are hidden.";
        return Redirect($"/events/{slug}/review/{proposalId}/redact");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, long proposalId)
    {
        if (!await LoadAsync(slug, proposalId)) return NotFound();
        await redactions.RemoveAsync(Context.Event.Id, proposalId);
        TempData["Flash"] = "The redacted copy is gone; reviewers read the speaker's words (names still taken out automatically).";
        return Redirect($"/events/{slug}/review/{proposalId}/redact");
    }

    private async Task<bool> LoadAsync(string slug, long proposalId)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return false;
        if (await proposals.LoadDetailAsync(proposalId) is not { } d || d.Proposal.EventId != ctx.Event.Id) return false;
        Context = ctx;
        Detail = d;
        Existing = await redactions.FindAsync(proposalId);
        return true;
    }
}
