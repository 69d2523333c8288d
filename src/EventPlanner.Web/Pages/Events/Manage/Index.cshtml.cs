using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class IndexModel(EventStore store) : ManagePageModel(store), IEventFormPage
{
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadEventAsync()) return NotFound();
        var v = new Validator();
        Input.Slug = Slug;
        var values = EventRules.Validate(Input.AsInput(), v);
        var updated = values is null ? null : await Store.UpdateAsync(Slug, values, User.RequiredUserId(), v);
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
}
