using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events;

[Authorize(Policy = Policies.CanCreateEvents)]
public sealed class NewModel(EventStore events) : PageModel, IEventFormPage
{
    [BindProperty] public EventForm Input { get; set; } = new();
    public IReadOnlyList<EventRow> ParentOptions { get; private set; } = [];
    public bool SlugEditable => true;

    public async Task OnGetAsync() => ParentOptions = await EventForm.ParentOptionsAsync(events, User.RequiredUserId());

    public async Task<IActionResult> OnPostAsync()
    {
        var v = new Validator();
        var values = EventRules.Validate(Input.AsInput(), v);
        var created = values is null ? null : await events.CreateAsync(values, User.RequiredUserId(), v);
        if (created is null)
        {
            ModelState.AddErrors(v);
            ParentOptions = await EventForm.ParentOptionsAsync(events, User.RequiredUserId());
            return Page();
        }
        TempData["Flash"] = $"{created.Name} is created. Next: its days, rooms, tracks and team.";
        return Redirect($"/events/{created.Slug}/manage");
    }
}
