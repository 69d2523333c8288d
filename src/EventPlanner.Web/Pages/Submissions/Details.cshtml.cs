using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>A speaker's view of their proposal: its released state, content, speakers and actions.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(ProposalAccess access, EventStore events, CfpStore cfp, ProposalStore proposals, ProposalActions actions,
    CoSpeakerActions coSpeakers, TimeProvider clock, ParticipantImpacts impacts) : PageModel
{
    /// <summary>The confirmation step of withdrawing; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    public CfpContext Context { get; private set; } = null!;
    public ProposalDetail Detail { get; private set; } = null!;
    public SubmissionWindow Window { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    [BindProperty] public string? InviteEmail { get; set; }
    [BindProperty] public string? TargetEvent { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, long id) =>
        await LoadAsync(slug, id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostSubmitAsync(string slug, long id) =>
        await ActAsync(slug, id, (scope, v) => actions.SubmitAsync(Context, id, scope.UserId, null, v), "Your proposal is submitted. We sent a receipt to every speaker.");

    /// <summary>The first post shows what withdrawing touches (co-speakers, an accepted talk); only a post with the stamp of those same counts withdraws.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(string slug, long id, string? stamp)
    {
        if (await LoadAsync(slug, id) is not { } scope) return NotFound();
        StampCheck? check = null;
        if (ProposalStates.MayWithdraw(Detail.Proposal.State) && await impacts.WithdrawalAsync(scope.Event.Id, id, scope.UserId) is { } what)
        {
            if (!what.ConfirmedBy(stamp)) return AskWithdraw(slug, id, what, stamp is not null);
            // The same counts are read again inside the withdrawing transaction: a co-speaker or a released decision meanwhile asks again.
            check = new StampCheck(scope.Event.Id, stamp, (c, tx) => ParticipantImpacts.WithdrawalAsync(c, tx, scope.Event.Id, id, scope.UserId));
        }
        var result = await ActAsync(slug, id, (s, v) => actions.WithdrawAsync(Context, id, s.UserId, v, stillAsShown: check is null ? null : check.HoldsAsync),
            "Your proposal is withdrawn.");
        return check is { Changed: true, Fresh: { } fresh } ? AskWithdraw(slug, id, fresh, true) : result;
    }

    private PageResult AskWithdraw(string slug, long id, Impact what, bool changed)
    {
        Confirm = new ConfirmView(what, $"Withdraw \"{what.Subject}\"?", "Withdraw", new Dictionary<string, string>(), "Withdraw the proposal",
            $"/events/{slug}/proposals/{id}", "Keep the proposal", changed);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(string slug, long id) =>
        await ActAsync(slug, id, (scope, v) => coSpeakers.InviteAsync(scope, User.DisplayNameOf(), InviteEmail, v), $"We sent an invitation to {InviteEmail}.");

    public async Task<IActionResult> OnPostCopyAsync(string slug, long id)
    {
        if (await LoadAsync(slug, id) is not { } scope) return NotFound();
        var v = new Validator();
        var target = string.IsNullOrWhiteSpace(TargetEvent) ? null : await cfp.ContextAsync(events, TargetEvent.Trim());
        if (target is null || target.Event.Id == scope.Event.Id) v.Add("targetEvent", "Name another event (by the short name in its address) whose call for papers is open.");
        var copy = target is null || v.HasErrors ? null : await coSpeakers.CopyAsync(scope, target, null, v);
        if (copy is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        TempData["Flash"] = $"A draft copy is waiting in {target!.Event.Name}. Check it and submit it there.";
        return Redirect($"/events/{target.Event.Slug}/proposals/{copy.Id}");
    }

    private async Task<IActionResult> ActAsync<T>(string slug, long id, Func<SpeakerScope, Validator, Task<T?>> act, string flash) where T : class
    {
        if (await LoadAsync(slug, id) is not { } scope) return NotFound();
        var v = new Validator();
        if (await act(scope, v) is null)
        {
            ModelState.AddErrors(v, "");
            return Page();
        }
        TempData["Flash"] = flash;
        return Redirect($"/events/{slug}/proposals/{id}");
    }

    private async Task<SpeakerScope?> LoadAsync(string slug, long id)
    {
        if (await access.ForSpeakerAsync(User, slug, id) is not { } scope) return null;
        Context = await cfp.LoadContextAsync(scope.Event);
        Detail = (await proposals.LoadDetailAsync(id))!;
        Now = clock.GetUtcNow();
        Window = DeadlineRules.Evaluate(Now, Context.Settings, Context.Type(Detail.Proposal.SessionTypeId)!, scope.Event.Zone);
        return scope;
    }
}
