using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Social;

/// <summary>Organisers: the event's social events with their counts, and a form for a new one.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ManageModel(EventStore events, SocialStore store) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public IReadOnlyList<SocialEventRow> Socials { get; private set; } = [];
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public SocialForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new SocialForm { Date = Event.StartsOn.AddDays(-1).ToString("yyyy-MM-dd"), Starts = "19:30", Ends = "22:30", Capacity = 40 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        // Unreadable numbers or checkboxes are binder messages already: refused with the rest, not saved as a default.
        if (SocialRules.ValidateEvent(Input.AsInput(), Event, v) is not { } values || !ModelState.IsValid) { ModelState.AddErrors(v); return Page(); }
        var row = await store.CreateAsync(Event, values);
        TempData["Flash"] = $"\"{row.Title}\" created. Invite people next.";
        return Redirect($"/events/{Slug}/social/{row.Id}/manage");
    }

    private async Task<bool> LoadAsync()
    {
        if (await events.FindAsync(Slug) is not { } e) return false;
        Event = e;
        Socials = await store.ListAsync(e.Id, publicOnly: false);
        return true;
    }
}

/// <summary>The social event form's fields, as posted.</summary>
public sealed class SocialForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Place { get; set; }
    public string? Date { get; set; }
    public string? Starts { get; set; }
    public string? Ends { get; set; }
    public int? Capacity { get; set; }
    public int? MaxGuests { get; set; }
    public bool IsOpen { get; set; }
    public bool IsPublic { get; set; }

    public SocialEventInput AsInput() => new(Title, Description, Place, Date, Starts, Ends, Capacity, MaxGuests, IsOpen, IsPublic);
}
