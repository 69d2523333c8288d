using EventPlanner.Web.Features.Events;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events.Manage;

/// <summary>
/// The event the manage pages work on, always taken from the route that the EventOrganiser policy checked.
/// Each page states that policy itself (an inherited attribute would be evaluated twice).
/// </summary>
public abstract class ManagePageModel(EventStore store) : PageModel
{
    protected EventStore Store => store;

    // Read from the route only: a bound property could also come from a posted form field and name another event.
    public string Slug => RouteData.Values["slug"] as string ?? "";

    public EventRow Event { get; private set; } = null!;

    protected async Task<bool> LoadEventAsync()
    {
        if (await store.FindAsync(Slug) is not { } e) return false;
        Event = e;
        return true;
    }
}
