using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Privacy;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Privacy;

/// <summary>Organisers: how long after the event its attendee data is kept.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, RetentionStore store) : ManagePageModel(events)
{
    public RetentionResponse Retention { get; private set; } = null!;

    [BindProperty] public int? RetentionDays { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        RetentionDays = Retention.RetentionDays;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        if (RetentionRules.ValidateDays(RetentionDays, v, nameof(RetentionDays)) is not { } days)
        {
            ModelState.AddErrors(v, prefix: "");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var saved = RetentionResponse.From(Event, await store.SetAsync(Event.Id, days));
        TempData["Flash"] = $"Attendee data is kept until {saved.AnonymiseOn:yyyy-MM-dd}, then anonymised.";
        return Redirect($"/events/{Slug}/privacy/manage");
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync()) return false;
        Retention = RetentionResponse.From(Event, await store.GetAsync(Event.Id));
        return true;
    }
}
