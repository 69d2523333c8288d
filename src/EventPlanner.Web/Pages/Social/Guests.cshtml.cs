using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Social;

/// <summary>Organisers: one social event's replies with totals and dietary needs, the CSV for the venue, and invitations.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class GuestsModel(EventStore events, SocialStore store, SocialInvitations invitations) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public SocialEventRow Social { get; private set; } = null!;
    public IReadOnlyList<(SocialInvitationRow Row, int? Position)> Guests { get; private set; } = [];
    public SocialTotals Totals { get; private set; } = null!;
    public IReadOnlyList<SocialNeedCount> Dietary { get; private set; } = [];
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public List<string> Groups { get; set; } = [];
    [BindProperty] public string? Emails { get; set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(long id) =>
        await LoadAsync(id) ? File(SocialReport.Csv(Guests), "text/csv; charset=utf-8", $"{Slug}-social-{id}-guests.csv") : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        var emails = (Emails ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (SocialRules.ValidateInvite(new SocialInviteInput(Groups, emails), v) is not { } values) { ModelState.AddErrors(v, ""); return Page(); }
        var result = await invitations.InviteAsync(Event, id, values);
        TempData["Flash"] = $"{result!.Invited} invitation{(result.Invited == 1 ? "" : "s")} sent"
            + (result.AlreadyInvited > 0 ? $"; {result.AlreadyInvited} already invited (not sent again)." : ".");
        return Redirect($"/events/{Slug}/social/{id}/manage");
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await events.FindAsync(Slug) is not { } e || await store.FindAsync(e.Id, id) is not { } s) return false;
        (Event, Social) = (e, s);
        Guests = await invitations.ListAsync(s.Id);
        var rows = Guests.Select(g => g.Row).ToList();
        Totals = SocialReport.Totals(s, rows);
        Dietary = SocialReport.Dietary(rows);
        return true;
    }
}
