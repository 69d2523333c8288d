using System.Globalization;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Social;

/// <summary>
/// Organisers change a social event (the API's rules and messages; a new place or time is mailed to those coming or
/// waiting) or cancel it, after a confirmation that says who will be told.
/// </summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class EditModel(EventStore events, SocialStore store) : PageModel
{
    public EventRow Event { get; private set; } = null!;
    public SocialEventRow Social { get; private set; } = null!;
    public ConfirmView? Confirm { get; private set; }
    public string Slug => RouteData.Values["slug"] as string ?? "";

    [BindProperty] public SocialForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var start = TimeZoneInfo.ConvertTime(Social.StartsAt, Event.Zone);
        var end = TimeZoneInfo.ConvertTime(Social.EndsAt, Event.Zone);
        Input = new SocialForm
        {
            Title = Social.Title, Description = Social.Description, Place = Social.Place, Date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Starts = start.ToString("HH:mm", CultureInfo.InvariantCulture), Ends = end.ToString("HH:mm", CultureInfo.InvariantCulture),
            Capacity = Social.Capacity, MaxGuests = Social.MaxGuests, IsOpen = Social.IsOpen, IsPublic = Social.IsPublic,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var v = new Validator();
        // Unreadable numbers or checkboxes are binder messages already: refused with the rest, not saved as a default.
        if (SocialRules.ValidateEvent(Input.AsInput(), Event, v) is { } values && ModelState.IsValid)
        {
            if (await store.UpdateAsync(Event, id, values, v, HttpContext.RequestAborted) is null) return NotFound();
        }
        if (v.HasErrors || !ModelState.IsValid) { ModelState.AddErrors(v); return Page(); }
        TempData["Flash"] = "Saved. If the place or time changed, everyone coming or waiting has been told.";
        return Redirect($"/events/{Slug}/social/{id}/manage");
    }

    /// <summary>The first post shows who will be told; only a post with the stamp of those same counts deletes.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, string? stamp)
    {
        if (!await LoadAsync(id) || await store.CancellationCountsAsync(Event.Id, id, HttpContext.RequestAborted) is not { } counts) return NotFound();
        var what = new Impact(counts.Title, [
            new("coming", counts.Coming, $"{N(counts.Coming, "person is", "people are")} coming; each is told by mail that it is cancelled."),
            new("waiting", counts.Waiting, $"{N(counts.Waiting, "person is", "people are")} on the waiting list; each is told by mail too."),
            new("others", counts.Others, $"{N(counts.Others, "other invitee", "other invitees")} (no reply yet, or not coming) are not mailed; their links stop working."),
        ], "Social events are not in the schedule: the schedule does not change.");
        if (!what.ConfirmedBy(stamp))
        {
            Confirm = new ConfirmView(what, $"Cancel \"{counts.Title}\"?", "Delete", new Dictionary<string, string>(),
                "Cancel it and tell them", $"/events/{Slug}/social/{id}/edit", "Keep it", stamp is not null);
            return Page();
        }
        if (!await store.DeleteAsync(Event, id, HttpContext.RequestAborted)) return NotFound();
        TempData["Flash"] = $"\"{counts.Title}\" is cancelled; {counts.Coming + counts.Waiting} people were told.";
        return Redirect($"/events/{Slug}/social/manage");
    }

    private static string N(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private async Task<bool> LoadAsync(long id)
    {
        if (await events.FindAsync(Slug) is not { } e || await store.FindAsync(e.Id, id) is not { } s) return false;
        (Event, Social) = (e, s);
        return true;
    }
}
