using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>An organiser edits a proposal: no deadline applies, and the speakers are told.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageEditModel(EventStore events, CfpStore cfp, ProposalStore proposals, ProposalActions actions) : PageModel
{
    [BindProperty] public ProposalForm Form { get; set; } = new();
    public CfpContext Context { get; private set; } = null!;
    public ProposalRow Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        Form = ProposalForm.From((await proposals.LoadDetailAsync(id))!, []).Padded(Context.Tracks.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, long id)
    {
        if (!await LoadAsync(slug, id)) return NotFound();
        Form.ReadAnswers(Request.Form, Context.Questions.Where(q => q.Target == QuestionTargets.Proposal));
        var v = new Validator();
        var row = await actions.EditAsOrganiserAsync(Context, id, User.RequiredUserId(), Form.ToInput(submit: false), v);
        if (row is null)
        {
            ModelState.AddErrors(v, "Form");
            Form.Padded(Context.Tracks.Count);
            return Page();
        }
        TempData["Flash"] = "The proposal is saved and its speakers were told.";
        return Redirect($"/events/{slug}/proposals/{id}/manage");
    }

    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await cfp.ContextAsync(events, slug) is not { } ctx || await proposals.FindAsync(ctx.Event.Id, id) is not { } p) return false;
        Context = ctx with { Questions = ctx.Questions.Where(q => q.Target == QuestionTargets.Proposal).ToList() };
        Proposal = p;
        return true;
    }
}
