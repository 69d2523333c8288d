using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

[Authorize(Policy = Policies.SignedIn)]
public sealed class NewModel(EventStore events, CfpStore cfp, ProposalStore proposals, ProposalActions actions) : PageModel
{
    [BindProperty] public ProposalForm Form { get; set; } = new();
    public CfpContext Context { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await cfp.ContextAsync(events, slug) is not { Event.IsPublic: true } ctx) return NotFound(); // a hidden event's call is closed to all
        Context = ctx;
        Form = ProposalForm.WithSpeakerAnswers(await proposals.SpeakerAnswersAsync(ctx.Event.Id, User.RequiredUserId())).Padded(ctx.Tracks.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? action)
    {
        if (await cfp.ContextAsync(events, slug) is not { Event.IsPublic: true } ctx) return NotFound(); // a hidden event's call is closed to all
        Context = ctx;
        Form.ReadAnswers(Request.Form, ctx.Questions);
        var v = new Validator();
        var row = await actions.CreateAsync(ctx, User.RequiredUserId(), Form.ToInput(submit: action == "submit"), v);
        if (row is null)
        {
            ModelState.AddErrors(v, "Form");
            Form.Padded(ctx.Tracks.Count);
            return Page();
        }
        TempData["Flash"] = row.State == ProposalStates.Submitted
            ? "Your proposal is submitted. We sent a receipt to every speaker."
            : "Your draft is saved. Submit it before the deadline.";
        return Redirect($"/events/{slug}/proposals/{row.Id}");
    }
}
