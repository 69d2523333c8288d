using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class TracksModel(EventStore store, VenueStore venue, OrganiserImpacts impacts) : ManagePageModel(store)
{
    /// <summary>The confirmation step of removing a track; null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }
    [BindProperty] public TrackForm Input { get; set; } = new();
    public IReadOnlyList<TrackRow> Tracks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? edit)
    {
        if (!await LoadAsync()) return NotFound();
        if (edit is { } id)
        {
            if (Tracks.FirstOrDefault(t => t.Id == id) is not { } track) return NotFound();
            Input = new TrackForm { Id = track.Id, Name = track.Name, Colour = track.Colour };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var track = EventRules.Validate(new TrackInput(Input.Name, Input.Colour), v);
        TrackRow? row = null;
        if (track is not null)
        {
            row = Input.Id is { } id ? await venue.UpdateTrackAsync(Event.Id, id, track.Value, v) : await venue.AddTrackAsync(Event.Id, track.Value, v);
        }
        return this.Saved(row, v, r => Input.Id is null ? $"Track {r.Name} added." : $"Track {r.Name} saved.", $"/events/{Slug}/manage/tracks");
    }

    /// <summary>The first post shows what the removal touches; only a post with the stamp of those same counts removes.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(long id, string? stamp)
    {
        if (!await LoadAsync()) return NotFound();
        if (await impacts.TrackAsync(Event.Id, id) is not { } what)
        {
            TempData["Flash"] = "That track was already gone.";
            return RedirectToPage(new { slug = Slug });
        }
        if (!what.ConfirmedBy(stamp)) return Ask(what, id, stamp is not null);
        string? blocked = null;
        var check = new StampCheck(Event.Id, stamp, (c, tx) => OrganiserImpacts.TrackAsync(c, tx, Event.Id, id));
        var found = await venue.RemoveTrackAsync(Event.Id, id, why => blocked = why, stillAsShown: check.HoldsAsync);
        if (check.Changed) return Ask(check.Fresh!, id, true);
        TempData["Flash"] = blocked ?? (found ? $"Track {what.Subject} removed. The public schedule changes at your next release." : "That track was already gone.");
        return RedirectToPage(new { slug = Slug });
    }

    private PageResult Ask(Impact what, long id, bool changed)
    {
        Confirm = new ConfirmView(what, $"Remove the track {what.Subject}?", "Remove", new Dictionary<string, string> { ["id"] = id.ToString() },
            $"Remove {what.Subject}", $"/events/{Slug}/manage/tracks", "Keep the track", changed);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync()) return false;
        Tracks = (await venue.ListPartsAsync(Event.Id)).Tracks;
        return true;
    }

    public sealed class TrackForm
    {
        public long? Id { get; set; }
        public string? Name { get; set; }
        public string? Colour { get; set; } = "#3366cc";
    }
}
