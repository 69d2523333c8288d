using System.Text.Json;

namespace EventPlanner.Web.Features.Schedule.Suggestions;

public static class SuggestionStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    /// <summary>Stopped by an organiser: the best proposal found until then is kept and can still be applied.</summary>
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
    public const string Applied = "applied";
    public const string Discarded = "discarded";

    public static bool IsActive(string state) => state is Queued or Running;
}

/// <summary>"Fill the gaps" keeps every placed session where it is; "re-plan" may move the programme's placed sessions too.</summary>
public static class SuggestionModes
{
    public const string Gaps = "gaps";
    public const string Replan = "replan";
}

public static class ProposalChangeKinds
{
    public const string Placed = "placed";
    public const string Moved = "moved";
    public const string Unchanged = "unchanged";
    /// <summary>A placed session the re-plan could not keep on the grid: applying takes it off.</summary>
    public const string Removed = "removed";
}

// Stored row: init properties so Dapper applies the date/time type handlers.
public sealed record SuggestionRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long? RequestedBy { get; init; }
    public string Mode { get; init; } = SuggestionModes.Gaps;
    public bool MoveReleased { get; init; }
    public int TimeLimitSeconds { get; init; }
    public string State { get; init; } = SuggestionStates.Queued;
    public bool CancelRequested { get; init; }
    public string? SolverStatus { get; init; }
    public double? BestObjective { get; init; }
    public double? BestBound { get; init; }
    public long ElapsedMs { get; init; }
    public int Solutions { get; init; }
    public string? DraftStamp { get; init; }
    public string? Result { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? AppliedAt { get; init; }
    /// <summary>The weights as JSON (<see cref="SuggestionWeights"/>); null for runs stored before they were on the page.</summary>
    public string? Weights { get; init; }

    public SuggestionResult? Proposal => Result is null ? null : JsonSerializer.Deserialize<SuggestionResult>(Result, ScheduleJson.Options);

    /// <summary>A finished run (or one stopped early) with something to write.</summary>
    public bool CanApply => State is SuggestionStates.Done or SuggestionStates.Cancelled && Proposal is { } p && p.Changes.Any(c => c.Change != ProposalChangeKinds.Unchanged);
}

/// <summary>One session of the proposal against the draft it was computed from (rooms named, times as UTC instants).</summary>
public sealed record ProposedChange(
    long SessionId, string Title, string Change,
    long? RoomId, string? Room, DateTimeOffset? StartsAt,
    long? FromRoomId, string? FromRoom, DateTimeOffset? FromStartsAt);

/// <summary>A session the proposal leaves off the grid, with the reason in the organiser's words.</summary>
public sealed record UnplacedSession(long SessionId, string Title, string Reason);

/// <summary>
/// The score card. <see cref="GridErrors"/> is the grid's own <see cref="ConflictRules"/> count over the sessions
/// the proposal places or moves, <see cref="SolverViolations"/> the solver library's independent checker: both 0.
/// <see cref="DroppedByGridCheck"/> counts placements the grid refused after solving (the two disagreeing; should stay 0).
/// </summary>
public sealed record SuggestionScore(
    int GridErrors, int SolverViolations, int DroppedByGridCheck,
    int Placed, int Moved, int Unchanged, int Unplaced,
    int PopularPairClashes, long ClashCoStars, int TrackRoomChanges, int KeynotesNotAlone,
    long GreedyClashCoStars, int PreferredTimeMisses = 0, int TrackGapMinutes = 0, int MovesFromDraft = 0);

public sealed record SuggestionResult(
    IReadOnlyList<ProposedChange> Changes,
    IReadOnlyList<UnplacedSession> Unplaced,
    IReadOnlyList<string> Findings,
    SuggestionScore Score);
