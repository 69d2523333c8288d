using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
public sealed record SessionInput(
    string? Kind, string? Title, string? Abstract, string? Description, string? Language, long? TrackId,
    int? DurationMinutes, int? ExpectedAudience, IReadOnlyList<string>? SpeakerEmails, bool? IsCancelled, int? Version);

/// <summary>Where a session goes: a room and a local date and time in the event's zone; no room means "take it off the grid".</summary>
public sealed record PlacementInput(long? RoomId, string? Date, string? Start, int? Version);

public sealed record SlotInput(string? Date, string? Starts, string? Ends, long? RoomId);
public sealed record RoomHoursInput(string? OpensAt, string? ClosesAt);

// Validated values.
public sealed record SessionValues(
    string Kind, string Title, string Abstract, string Description, string Language, long? TrackId,
    int DurationMinutes, int ExpectedAudience, IReadOnlyList<string>? SpeakerEmails, bool IsCancelled);

/// <summary>A place on the grid, in UTC; null: not on the grid.</summary>
public sealed record Placement(long RoomId, DateTimeOffset StartsAt);
