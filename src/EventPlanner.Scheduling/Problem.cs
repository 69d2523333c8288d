namespace EventPlanner.Scheduling;

/// <summary>[Start, End) in minutes after midnight of one event day (day 0 is the first).</summary>
public sealed record TimeWindow(int Day, int Start, int End)
{
    public bool Contains(int day, int start, int end) => Day == day && Start <= start && end <= End;
    public bool Overlaps(int day, int start, int end) => Day == day && Start < end && start < End;
}

public sealed record EventDay(int Day, int Opens, int Closes);

/// <summary>A room. Null lists mean "any": <paramref name="SessionTypes"/>/<paramref name="Tracks"/> restrict what may go in,
/// <paramref name="Open"/> narrows the day's opening hours.</summary>
public sealed record Room(
    string Id,
    int Capacity,
    bool StepFree = false,
    IReadOnlyList<string>? SessionTypes = null,
    IReadOnlyList<string>? Tracks = null,
    IReadOnlyList<TimeWindow>? Open = null);

/// <summary>Where and when a session runs.</summary>
public sealed record Slot(string RoomId, int Day, int Start);

/// <summary>
/// A session to place. <paramref name="Pinned"/> is set for pinned and for already-released sessions the organiser
/// has not freed: the solver keeps them exactly there.
/// </summary>
public sealed record SessionToPlace(
    string Id,
    int Duration,
    string Type,
    string? Track,
    IReadOnlyList<string> SpeakerIds,
    int ExpectedAudience = 0,
    int Popularity = 0,
    Slot? Pinned = null,
    bool NeedsStepFree = false,
    bool Keynote = false);

/// <summary>A speaker's availability (null = throughout the event), busy times at co-located events, and preferred times.</summary>
public sealed record Speaker(
    string Id,
    IReadOnlyList<TimeWindow>? Available = null,
    IReadOnlyList<TimeWindow>? Busy = null,
    IReadOnlyList<TimeWindow>? Preferred = null);

/// <summary>Room time already taken outside this solve: community blocks, BoF slots.</summary>
public sealed record TakenInterval(string RoomId, TimeWindow When, string What);

/// <summary>Two sessions many attendees starred both of; running them in parallel costs <paramref name="CoStars"/>.</summary>
public sealed record PopularPair(string A, string B, int CoStars);

/// <summary>
/// Soft objective weights (the organiser's page sets them). Unplaced dominates so the solver places what it can.
/// <paramref name="TrackGap"/> is per started quarter hour a track's day runs idle between its first and last session
/// (a track in consecutive slots costs nothing). Off (0) by default: its effect at FOSDEM scale is not yet measured on an
/// unloaded machine (see the README).
/// </summary>
public sealed record Weights(
    int PopularClash = 1,
    int TrackRoom = 50,
    int PreferredTime = 20,
    int KeynoteNotAlone = 500,
    int Move = 30,
    int Unplaced = 100_000,
    int TrackGap = 0);

public sealed record Placement(string SessionId, Slot Slot);

public sealed record SchedulingProblem
{
    /// <summary>Starts lie on this grid (minutes after midnight divisible by it).</summary>
    public int GridMinutes { get; init; } = 15;
    public required IReadOnlyList<EventDay> Days { get; init; }
    public required IReadOnlyList<Room> Rooms { get; init; }
    public required IReadOnlyList<SessionToPlace> Sessions { get; init; }
    public IReadOnlyList<Speaker> Speakers { get; init; } = [];
    public IReadOnlyList<TakenInterval> Taken { get; init; } = [];
    public IReadOnlyList<PopularPair> PopularPairs { get; init; } = [];
    /// <summary>The current draft: a re-solve keeps these where it can (hint and move penalty).</summary>
    public IReadOnlyDictionary<string, Slot> Draft { get; init; } = new Dictionary<string, Slot>();
    public Weights Weights { get; init; } = new();
}

public static class TimeText
{
    public static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";
    public static string Of(Slot slot) => $"{slot.RoomId} day {slot.Day + 1} {Clock(slot.Start)}";
}
