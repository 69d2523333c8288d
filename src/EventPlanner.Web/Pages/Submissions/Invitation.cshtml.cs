using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>
/// The co-speaker invitation link. Anyone holding the link sees what it is for; answering it needs an
/// account with the invited address (the store checks), so the page offers log-in and registration.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(CoSpeakerStore invitations, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public InvitationView? Invitation { get; private set; }
    public bool Expired { get; private set; }
    public string ReturnUrl => $"/invitations/co-speaker?token={Uri.EscapeDataString(Token ?? "")}";

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAcceptAsync() => AnswerAsync(accept: true);
    public Task<IActionResult> OnPostDeclineAsync() => AnswerAsync(accept: false);

    private async Task<IActionResult> AnswerAsync(bool accept)
    {
        if (User.UserId() is not { } userId) return Challenge();
        var v = new Validator();
        var answered = await invitations.AnswerAsync(Token, userId, accept, v);
        if (answered is null)
        {
            ModelState.AddErrors(v, "");
            await LoadAsync();
            return Page();
        }
        var view = await invitations.FindAsync(Token);
        if (!accept)
        {
            TempData["Flash"] = "You declined the invitation. Thank you for letting them know.";
            return Redirect("/");
        }
        TempData["Flash"] = "You are now a speaker of this proposal.";
        return Redirect($"/events/{view!.EventSlug}/proposals/{answered.ProposalId}");
    }

    private async Task LoadAsync()
    {
        Invitation = await invitations.FindAsync(Token);
        Expired = Invitation is not null && clock.GetUtcNow() >= Invitation.ExpiresAt;
    }
}
