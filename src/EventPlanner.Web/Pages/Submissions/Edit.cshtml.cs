using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>A speaker edits their own proposal; anyone else gets 404.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(ProposalAccess access, CfpStore cfp, ProposalStore proposals, ProposalActions actions) : PageModel
{
    [BindProperty] public ProposalForm Form { get; set; } = new();
    public CfpContext Context { get; private set; } = null!;
    public ProposalRow Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (await access.ForSpeakerAsync(User, slug, id) is not { } scope) return NotFound();
        Context = await cfp.LoadContextAsync(scope.Event);
        Proposal = scope.Proposal;
        var detail = (await proposals.LoadDetailAsync(id))!;
        Form = ProposalForm.From(detail, await proposals.SpeakerAnswersAsync(scope.Event.Id, scope.UserId)).Padded(Context.Tracks.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, long id, string? action)
    {
        if (await access.ForSpeakerAsync(User, slug, id) is not { } scope) return NotFound();
        Context = await cfp.LoadContextAsync(scope.Event);
        Proposal = scope.Proposal;
        Form.ReadAnswers(Request.Form, Context.Questions);
        var v = new Validator();
        var row = await actions.UpdateAsync(Context, scope.Proposal, scope.UserId, Form.ToInput(submit: action == "submit"), v);
        if (row is null)
        {
            ModelState.AddErrors(v, "Form");
            Form.Padded(Context.Tracks.Count);
            return Page();
        }
        TempData["Flash"] = row.State == ProposalStates.Submitted && scope.Proposal.State == ProposalStates.Draft
            ? "Your proposal is submitted. We sent a receipt to every speaker."
            : "Your changes are saved.";
        return Redirect($"/events/{slug}/proposals/{id}");
    }
}
