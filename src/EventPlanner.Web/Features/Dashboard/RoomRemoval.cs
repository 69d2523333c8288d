using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What removing a room touches, counted by the features that own it. Programme sessions only lose their place on the
/// organisers' grid (the public schedule is a release and changes at the next one); BoF bookings and approved community
/// blocks were published the moment they were made, so while the room holds any the removal is refused: the organisers
/// move or cancel them first, on the pages that tell the people concerned.
/// </summary>
public sealed record RoomImpact(
    string RoomName,
    int ProgrammeSessions,
    int LiveSessions,
    int GridSlots,
    int FreeBofSlots,
    int BookedBofs,
    IReadOnlyList<string> ApprovedBlocks,
    int OpenRequests)
{
    public bool Blocked => BookedBofs > 0 || ApprovedBlocks.Count > 0 || LiveSessions > 0;

    /// <summary>What the organiser saw, posted back with the confirmation, so a room that changed meanwhile is asked about again.</summary>
    public string Stamp => AsImpact().Stamp;

    /// <summary>
    /// The counts in words for the shared confirmation step (_Confirm.cshtml); the lines keep the order of the stamp the
    /// removal compares, so the page's stamp and this one are the same text.
    /// </summary>
    public Impact AsImpact() => new(RoomName, [
        new("programme", ProgrammeSessions, $"{N(ProgrammeSessions, "scheduled session loses its room", "scheduled sessions lose their room")}: " +
            "they go back to the unplaced sessions on the grid. The public schedule does not change until your next release."),
        new("live-sessions", LiveSessions, $"{N(LiveSessions, "live session (BoF, community or lightning) is", "live sessions (BoF, community or lightning) are")} in this room."),
        new("grid-slots", GridSlots, $"{N(GridSlots, "grid slot of this room is removed", "grid slots of this room are removed")}."),
        new("bof-slots", FreeBofSlots, $"{N(FreeBofSlots, "free BoF slot is removed", "free BoF slots are removed")}" +
            (FreeBofSlots > 0 ? ": the BoF page stops offering them at once (BoF slots are booked live, not released)." : ".")),
        new("booked-bofs", BookedBofs, $"{N(BookedBofs, "booked BoF is", "booked BoFs are")} in this room."),
        new("community-blocks", ApprovedBlocks.Count, $"{N(ApprovedBlocks.Count, "approved community block is", "approved community blocks are")} in this room" +
            (ApprovedBlocks.Count > 0 ? $" ({string.Join(", ", ApprovedBlocks)})." : ".")),
        new("community-requests", OpenRequests, $"{N(OpenRequests, "open community room request names", "open community room requests name")} this room" +
            (OpenRequests > 0 ? ": they stay open, without a room, for you to answer." : ".")),
    ], "The public schedule does not change until your next release; the room leaves the list of rooms on the event's public page at once.",
        Blocked ? "This room cannot be removed yet: community blocks, BoFs and lightning sessions are published the moment they are booked, and " +
                  "their hosts were told. Move or cancel them first on the community rooms, BoF and lightning pages, which tell the people concerned." : null);
}

public enum RoomRemovalOutcome { Removed, NotFound, Blocked, Changed }

public sealed class RoomRemoval(Db db)
{
    // A fresh instance compared by reference, so no posted text can pass for it.
    public static readonly string Unconfirmed = new('-', 1);

    public async Task<RoomImpact?> ImpactAsync(long eventId, long roomId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ImpactAsync(c, null, eventId, roomId);
    }

    /// <summary>
    /// Removes the room if it still touches what the organiser confirmed (<paramref name="stamp"/>), checked and done in one
    /// BEGIN IMMEDIATE transaction so a BoF booked or a block approved meanwhile is not swept away with it.
    /// An API DELETE passes <see cref="Unconfirmed"/>: the request states its intent, so only live bookings refuse it.
    /// </summary>
    public Task<(RoomRemovalOutcome Outcome, RoomImpact? Impact)> RemoveAsync(long eventId, long roomId, string? stamp, CancellationToken ct = default) =>
        db.WriteAsync<(RoomRemovalOutcome, RoomImpact?)>(async (c, tx) =>
        {
            if (await ImpactAsync(c, tx, eventId, roomId) is not { } impact) return (RoomRemovalOutcome.NotFound, null);
            if (impact.Blocked) return (RoomRemovalOutcome.Blocked, impact);
            if (!ReferenceEquals(stamp, Unconfirmed) && stamp != impact.Stamp) return (RoomRemovalOutcome.Changed, impact);
            return (await VenueStore.RemoveRoomInAsync(c, tx, eventId, roomId) ? RoomRemovalOutcome.Removed : RoomRemovalOutcome.NotFound, impact);
        }, ct);

    private static async Task<RoomImpact?> ImpactAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId)
    {
        if (await VenueStore.RoomNameInAsync(c, tx, eventId, roomId) is not { } name) return null;
        var (programme, live, gridSlots) = await ScheduleCounts.InRoomAsync(c, tx, eventId, roomId);
        var (freeSlots, booked) = await BofCounts.InRoomAsync(c, tx, eventId, roomId);
        var (approved, open) = await CommunityCounts.InRoomAsync(c, tx, eventId, roomId);
        return new RoomImpact(name, programme, live, gridSlots, freeSlots, booked, approved, open);
    }
}
