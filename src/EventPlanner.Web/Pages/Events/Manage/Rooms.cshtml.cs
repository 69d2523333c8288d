using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Events.Manage;

[Authorize(Policy = Policies.EventOrganiser)]
public sealed class RoomsModel(EventStore store, VenueStore venue, RoomRemoval removal) : ManagePageModel(store)
{
    [BindProperty] public RoomForm Input { get; set; } = new();
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];

    /// <summary>The confirmation step of removing a room (the shared _Confirm partial); null otherwise.</summary>
    public ConfirmView? Confirm { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? edit, long? remove)
    {
        if (!await LoadAsync()) return NotFound();
        if (remove is { } removeId)
        {
            if (await removal.ImpactAsync(Event.Id, removeId) is not { } impact) return NotFound();
            Confirm = Ask(removeId, impact, changed: false);
        }
        if (edit is { } id)
        {
            if (Rooms.FirstOrDefault(r => r.Id == id) is not { } room) return NotFound();
            Input = RoomForm.From(room);
        }
        else Input = new RoomForm { SortOrder = (Rooms.Count == 0 ? 0 : Rooms.Max(r => r.SortOrder) + 1).ToString() };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        var input = new RoomInput(Input.Name, WholeNumber.Parse(v, "capacity", Input.Capacity, "Capacity"), Input.AccessibilityNotes,
            WholeNumber.Parse(v, "sortOrder", Input.SortOrder, "Order"));
        var room = EventRules.Validate(input, v);
        RoomRow? row = null;
        if (room is not null && !v.HasErrors)
        {
            row = Input.Id is { } id ? await venue.UpdateRoomAsync(Event.Id, id, room.Value, v) : await venue.AddRoomAsync(Event.Id, room.Value, v);
        }
        return this.Saved(row, v, r => Input.Id is null ? $"Room {r.Name} added." : $"Room {r.Name} saved.", $"/events/{Slug}/manage/rooms");
    }

    /// <summary>
    /// Removes the room only when the post carries the stamp of the confirmation the organiser saw and the room still
    /// touches exactly that; otherwise (no stamp, a change meanwhile, live bookings in it) the confirmation is shown again.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(long id, string? stamp)
    {
        if (!await LoadAsync()) return NotFound();
        var (outcome, impact) = await removal.RemoveAsync(Event.Id, id, stamp);
        switch (outcome)
        {
            case RoomRemovalOutcome.Removed:
                TempData["Flash"] = impact!.ProgrammeSessions == 0
                    ? $"Room {impact.RoomName} removed."
                    : $"Room {impact.RoomName} removed. {impact.ProgrammeSessions} session{(impact.ProgrammeSessions == 1 ? " is" : "s are")} unplaced on the grid; the public schedule changes at your next release.";
                return RedirectToPage(new { slug = Slug });
            case RoomRemovalOutcome.NotFound:
                TempData["Flash"] = "That room was already gone.";
                return RedirectToPage(new { slug = Slug });
            default:
                Confirm = Ask(id, impact!, changed: stamp is not null && outcome == RoomRemovalOutcome.Changed);
                Input = new RoomForm { SortOrder = (Rooms.Count == 0 ? 0 : Rooms.Max(r => r.SortOrder) + 1).ToString() };
                return Page();
        }
    }

    private ConfirmView Ask(long id, RoomImpact what, bool changed) =>
        new(what.AsImpact(), $"Remove {what.RoomName}?", "Remove", new Dictionary<string, string> { ["id"] = id.ToString() },
            $"Remove {what.RoomName}", $"/events/{Slug}/manage/rooms", "Keep the room", changed);

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync()) return false;
        Rooms = (await venue.ListPartsAsync(Event.Id)).Rooms;
        return true;
    }

    public sealed class RoomForm
    {
        public long? Id { get; set; }
        public string? Name { get; set; }
        public string? Capacity { get; set; }
        public string? AccessibilityNotes { get; set; }
        public string? SortOrder { get; set; }

        public static RoomForm From(RoomRow r) => new()
        {
            Id = r.Id, Name = r.Name, Capacity = r.Capacity.ToString(), AccessibilityNotes = r.AccessibilityNotes, SortOrder = r.SortOrder.ToString(),
        };
    }
}
