using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class IndexModel(EventStore store, SetupImpacts impacts) : ManagePageModel(store), IEventFormPage
{
    /// <summary>The confirmation step of new dates that remove days with something on them; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    [BindProperty] public EventForm Input { get; set; } = new();
    public IReadOnlyList<EventRow> ParentOptions { get; private set; } = [];
    public bool SlugEditable => false;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        Input = EventForm.From(Event);
        ParentOptions = await EventForm.ParentOptionsAsync(Store, User.RequiredUserId(), except: Slug);
        return Page();
    }

    /// <summary>
    /// Saves the details. New dates that remove days holding sessions, slots or bookings first show what lies on them; only
    /// a post with the stamp of those counts saves, recounted inside the update (StampCheck). A removed day with nothing on
    /// it needs no question.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string? stamp)
    {
        if (!await LoadEventAsync()) return NotFound();
        var v = new Validator();
        Input.Slug = Slug;
        var values = EventRules.Validate(Input.AsInput(), v);
        StampCheck? check = null;
        if (values is not null && await impacts.DroppedDaysAsync(Event.Id, Event.Zone, values.StartsOn, values.EndsOn) is { } what)
        {
            var confirmed = what.Blocked is null && what.Lines.Skip(1).All(l => l.Count == 0) ? what.Stamp : stamp;
            if (!what.ConfirmedBy(confirmed)) return await AskAsync(what, stamp is not null);
            var (zone, starts, ends) = (Event.Zone, values.StartsOn, values.EndsOn);
            check = new StampCheck(Event.Id, confirmed, (c, tx) => SetupImpacts.DroppedDaysAsync(c, tx, Event.Id, zone, starts, ends));
        }
        var updated = values is null ? null : await Store.UpdateAsync(Slug, values, User.RequiredUserId(), v, stillAsShown: check is null ? null : check.HoldsAsync);
        if (check is { Changed: true, Fresh: { } fresh }) return await AskAsync(fresh, true);
        if (check is { Fresh: null } && updated is null && !v.HasErrors)
        {
            TempData["Flash"] = "The event's days changed meanwhile: nothing was saved. Check the dates again.";
            return RedirectToPage(new { slug = Slug });
        }
        if (updated is null)
        {
            if (!v.HasErrors) return NotFound();
            ModelState.AddErrors(v);
            ParentOptions = await EventForm.ParentOptionsAsync(Store, User.RequiredUserId(), except: Slug);
            return Page();
        }
        TempData["Flash"] = updated.StartsOn == Event.StartsOn && updated.EndsOn == Event.EndsOn
            ? "Details saved."
            : "Details saved. The days now follow the new dates: check their opening hours.";
        return RedirectToPage(new { slug = Slug });
    }

    private async Task<PageResult> AskAsync(Impact what, bool changed)
    {
        ParentOptions = await EventForm.ParentOptionsAsync(Store, User.RequiredUserId(), except: Slug);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = Input.Name ?? "", ["Input.StartsOn"] = Input.StartsOn ?? "", ["Input.EndsOn"] = Input.EndsOn ?? "",
            ["Input.TimeZone"] = Input.TimeZone ?? "", ["Input.Venue"] = Input.Venue ?? "", ["Input.Description"] = Input.Description ?? "",
            ["Input.IsPublic"] = Input.IsPublic ? "true" : "false", ["Input.ParentSlug"] = Input.ParentSlug ?? "",
        };
        Confirm = new ConfirmView(what, $"Remove {(what.Lines[0].Count == 1 ? "a day" : $"{what.Lines[0].Count} days")} from {Event.Name}?", "", fields,
            "Save the new dates", $"/events/{Slug}/manage/details", "Keep the dates", changed);
        return Page();
    }
}
