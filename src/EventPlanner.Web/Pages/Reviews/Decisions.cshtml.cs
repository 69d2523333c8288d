using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Reviews;

/// <summary>Decisions waiting for release, the confirmations that follow, and freed slots offered to the waitlist.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class DecisionsModel(ReviewAccess access, DecisionStore decisions, ConfirmationStore confirmations) : PageModel
{
    public ReviewContext Context { get; private set; } = null!;
    public DecisionOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        Context = ctx;
        // Deadlines are checked lazily here too, so the page never shows a lapsed talk as awaiting confirmation.
        await confirmations.ExpireOverdueAsync(ctx);
        Overview = await decisions.OverviewAsync(ctx.Event.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(string slug)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        var released = await decisions.ReleaseAsync(ctx, null);
        TempData["Flash"] = released == 0 ? "There was nothing to release." : $"{released} decision{(released == 1 ? " is" : "s are")} released; the speakers' mails are on their way.";
        return Redirect($"/events/{slug}/decisions");
    }

    public async Task<IActionResult> OnPostConfirmOfferAsync(string slug, long offerId)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        var v = new Validator();
        if (await confirmations.ConfirmOfferAsync(ctx, offerId, User.RequiredUserId(), v))
        {
            TempData["Flash"] = "The waitlisted proposal is accepted, and its speakers are told.";
        }
        else TempData["Flash"] = string.Join(" ", v.Errors.SelectMany(x => x.Value));
        return Redirect($"/events/{slug}/decisions");
    }

    public async Task<IActionResult> OnPostDismissOfferAsync(string slug, long offerId)
    {
        if (await access.ForOrganiserAsync(slug) is not { } ctx) return NotFound();
        await confirmations.DismissOfferAsync(ctx.Event.Id, offerId, User.RequiredUserId());
        TempData["Flash"] = "The slot stays empty.";
        return Redirect($"/events/{slug}/decisions");
    }
}
