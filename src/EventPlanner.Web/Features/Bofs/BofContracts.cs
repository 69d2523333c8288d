namespace EventPlanner.Web.Features.Bofs;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record BofInput(string? Title, string? Description);
public sealed record BofBookingInput(long? SlotId);
public sealed record BofSettingsInput(int? InterestThreshold, IReadOnlyList<long>? RoomIds);
public sealed record BofSlotInput(long? RoomId, string? Date, string? Starts, string? Ends);

// Responses.
public sealed record BofBookingResponse(long SlotId, long RoomId, string Room, DateOnly Date, TimeOnly Starts, TimeOnly Ends, DateTimeOffset StartsAt, long? SessionId);

/// <summary>A BoF as a reader sees it; <c>interested</c> and <c>canBook</c> are about the caller (false when anonymous).</summary>
public sealed record BofResponse(long Id, string Title, string Description, long ProposerId, string Proposer, string State, int InterestCount,
    int Threshold, bool Interested, bool CanManage, BofBookingResponse? Booking, DateTimeOffset CreatedAt);

public sealed record BofSlotResponse(long Id, long RoomId, string Room, DateOnly Date, TimeOnly Starts, TimeOnly Ends, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, bool Free, long? BofId, string? BofTitle);

public sealed record BofSettingsResponse(int InterestThreshold, IReadOnlyList<BofRoomResponse> Rooms);
public sealed record BofRoomResponse(long RoomId, string Name, int Capacity);

public static class BofMapping
{
    public static BofResponse AsResponse(this BofRow b, int threshold, bool interested, bool canManage) =>
        new(b.Id, b.Title, b.Description, b.ProposerUserId, b.ProposerName, BofStates.Of(b, threshold), b.Interested, threshold, interested, canManage,
            b is { SlotId: { } slotId, RoomId: { } roomId, Date: { } date, Starts: { } starts, Ends: { } ends, StartsAt: { } at }
                ? new BofBookingResponse(slotId, roomId, b.RoomName ?? "", date, starts, ends, at, b.SessionId)
                : null,
            b.CreatedAt);

    /// <summary><paramref name="free"/>: the caller worked out it could be booked now (not started, nothing in the way).</summary>
    public static BofSlotResponse AsResponse(this BofSlotRow s, bool free) =>
        new(s.Id, s.RoomId, s.RoomName, s.Date, s.Starts, s.Ends, s.StartsAt, s.EndsAt, free, s.BofId, s.BofTitle);

    public static BofSettingsResponse AsResponse(this BofSetup s) =>
        new(s.Threshold, s.Rooms.Select(r => new BofRoomResponse(r.RoomId, r.Name, r.Capacity)).ToList());
}
