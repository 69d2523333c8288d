using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>
/// An accepted speaker confirms or declines. The emailed link's token is the permission (no sign-in needed);
/// without one, a signed-in speaker of the proposal may answer, and anyone else is sent to log in or finds nothing.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(ReviewAccess access, ConfirmationStore confirmations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public ReviewContext Context { get; private set; } = null!;
    public ConfirmationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, long id)
    {
        if (string.IsNullOrEmpty(Token) && User.UserId() is null) return Challenge();
        return await LoadAsync(slug, id) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostConfirmAsync(string slug, long id) => AnswerAsync(slug, id, confirm: true);

    public Task<IActionResult> OnPostDeclineAsync(string slug, long id) => AnswerAsync(slug, id, confirm: false);

    private async Task<IActionResult> AnswerAsync(string slug, long id, bool confirm)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        var v = new Validator();
        var outcome = await confirmations.RespondAsync(ctx, id, Token, User.UserId(), confirm, v);
        if (outcome.Kind == WriteKind.NotFound) return NotFound();
        if (!ModelState.AddErrors(outcome, ""))
        {
            return await LoadAsync(slug, id) ? Page() : NotFound();
        }
        TempData["Flash"] = confirm
            ? "Thank you: your talk is confirmed. See you at the event!"
            : "Thank you for letting us know. Your talk is withdrawn, and we will offer the slot to another speaker.";
        return Redirect($"/events/{slug}/proposals/{id}/confirm{(string.IsNullOrEmpty(Token) ? "" : $"?token={Uri.EscapeDataString(Token)}")}");
    }

    private async Task<bool> LoadAsync(string slug, long id)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return false;
        if (await confirmations.FindAsync(ctx, id, Token, User.UserId()) is not { } view) return false;
        Context = ctx;
        View = view;
        return true;
    }
}
