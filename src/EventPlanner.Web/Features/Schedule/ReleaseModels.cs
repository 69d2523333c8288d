using System.Globalization;
using System.Text.Json;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// A released schedule, frozen: what the public pages, the exports, the kiosk and the agenda show until the
/// next release. Stored as JSON once and never edited.
/// </summary>
public sealed record ReleaseSnapshot(
    int Number, DateTimeOffset ReleasedAt, string EventName, string Slug, string TimeZone, DateOnly StartsOn, DateOnly EndsOn, string Venue,
    IReadOnlyList<SnapDay> Days, IReadOnlyList<SnapRoom> Rooms, IReadOnlyList<SnapTrack> Tracks, IReadOnlyList<SnapSession> Sessions)
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateTime Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).DateTime;

    public DateOnly LocalDate(SnapSession s) => DateOnly.FromDateTime(Local(s.StartsAt));

    public SnapSession? Find(long id) => Sessions.FirstOrDefault(s => s.Id == id);

    public IEnumerable<SnapSession> UpAgainst(SnapSession s) => Sessions
        .Where(o => o.Id != s.Id && o.StartsAt < s.EndsAt && s.StartsAt < o.EndsAt)
        .OrderBy(o => o.StartsAt).ThenBy(o => RoomOrder(o.RoomId));

    public int RoomOrder(long roomId)
    {
        for (var i = 0; i < Rooms.Count; i++) if (Rooms[i].Id == roomId) return i;
        return int.MaxValue;
    }

    public string Json() => JsonSerializer.Serialize(this, ScheduleJson.Options);

    public static ReleaseSnapshot Parse(string json) => JsonSerializer.Deserialize<ReleaseSnapshot>(json, ScheduleJson.Options)!;
}

public sealed record SnapDay(DateOnly Date, TimeOnly OpensAt, TimeOnly ClosesAt);
public sealed record SnapRoom(long Id, string Name, int Capacity);
public sealed record SnapTrack(long Id, string Name, string Colour);
public sealed record SnapSpeaker(long Id, string Name, string Bio);

public sealed record SnapSession(
    long Id, string Guid, string Kind, string Title, string Abstract, string Description, string Language,
    long? TrackId, string? Track, string? TrackColour, long RoomId, string Room, DateTimeOffset StartsAt, int DurationMinutes,
    IReadOnlyList<SnapSpeaker> Speakers, string Source = SessionSources.Programme, IReadOnlyList<SnapPart>? Parts = null,
    IReadOnlyList<string>? Guests = null)
{
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>Everyone speaking: people with an account, then guests named in free text (a community session's, say).</summary>
    public IEnumerable<string> SpeakerNames => Speakers.Select(p => p.Name).Concat(Guests ?? []);
}

/// <summary>
/// A part of a session shown inside it, in running order: a lightning talk in a lightning session, say.
/// Filled by an <see cref="ISnapshotContributor"/>; null or empty for ordinary sessions.
/// </summary>
public sealed record SnapPart(string Title, string Speaker, DateTimeOffset StartsAt, int DurationMinutes, string Description = "", string? Link = null)
{
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}

public static class ChangeKinds
{
    public const string Added = "added";
    public const string Moved = "moved";
    public const string RoomChanged = "room-changed";
    public const string Cancelled = "cancelled";
    /// <summary>The parts inside a session changed (a lightning line-up locked, reordered or unlocked), not its place.</summary>
    public const string LineUpChanged = "line-up-changed";

    public static string Label(string kind) => kind switch
    {
        LineUpChanged => "Line-up changed",
        Added => "Added",
        Moved => "Moved",
        RoomChanged => "Room changed",
        Cancelled => "Cancelled",
        _ => kind,
    };
}

/// <summary>One line of a release's changelog: what happened to one session since the release before.</summary>
public sealed record ScheduleChange(
    string Kind, long SessionId, string Title, string? FromRoom, string? ToRoom, DateTimeOffset? FromStart, DateTimeOffset? ToStart);

/// <summary>The changelog between two releases, as plain code.</summary>
public static class ChangelogRules
{
    public static IReadOnlyList<ScheduleChange> Diff(ReleaseSnapshot? previous, ReleaseSnapshot current)
    {
        var before = previous?.Sessions.ToDictionary(s => s.Id) ?? [];
        var changes = new List<ScheduleChange>();
        foreach (var s in current.Sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Id))
        {
            if (!before.TryGetValue(s.Id, out var was))
            {
                changes.Add(new ScheduleChange(ChangeKinds.Added, s.Id, s.Title, null, s.Room, null, s.StartsAt));
                continue;
            }
            if (was.StartsAt != s.StartsAt || was.DurationMinutes != s.DurationMinutes)
                changes.Add(new ScheduleChange(ChangeKinds.Moved, s.Id, s.Title, was.Room, s.Room, was.StartsAt, s.StartsAt));
            if (was.RoomId != s.RoomId)
                changes.Add(new ScheduleChange(ChangeKinds.RoomChanged, s.Id, s.Title, was.Room, s.Room, was.StartsAt, s.StartsAt));
            if (!SameParts(was.Parts, s.Parts))
                changes.Add(new ScheduleChange(ChangeKinds.LineUpChanged, s.Id, s.Title, was.Room, s.Room, was.StartsAt, s.StartsAt));
        }
        var now = current.Sessions.Select(s => s.Id).ToHashSet();
        foreach (var was in before.Values.Where(w => !now.Contains(w.Id)).OrderBy(w => w.StartsAt).ThenBy(w => w.Id))
        {
            changes.Add(new ScheduleChange(ChangeKinds.Cancelled, was.Id, was.Title, was.Room, null, was.StartsAt, null));
        }
        return changes;
    }

    // What a reader of the line-up sees: who speaks on what, when. Descriptions and slide links may change quietly.
    private static bool SameParts(IReadOnlyList<SnapPart>? a, IReadOnlyList<SnapPart>? b) =>
        (a ?? []).Select(p => (p.Title, p.Speaker, p.StartsAt)).SequenceEqual((b ?? []).Select(p => (p.Title, p.Speaker, p.StartsAt)));

    /// <summary>"Moved from Sat 6 Feb 10:00 to Sat 6 Feb 11:30", in the event's zone.</summary>
    public static string Describe(ScheduleChange c, TimeZoneInfo zone)
    {
        string When(DateTimeOffset? t) => t is { } v ? TimeZoneInfo.ConvertTime(v, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) : "";
        return c.Kind switch
        {
            ChangeKinds.Added => $"Added: {When(c.ToStart)} in {c.ToRoom}",
            ChangeKinds.Moved => $"Moved from {When(c.FromStart)} to {When(c.ToStart)}",
            ChangeKinds.RoomChanged => $"Room changed from {c.FromRoom} to {c.ToRoom}",
            ChangeKinds.Cancelled => $"Cancelled (was {When(c.FromStart)} in {c.FromRoom})",
            ChangeKinds.LineUpChanged => "Line-up changed (see the session page)",
            _ => c.Kind,
        };
    }
}

// Stored rows.
public sealed record ReleaseRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public int Number { get; init; }
    public string Changelog { get; init; } = "[]";
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public string? OverrideReason { get; init; }
    public string Notify { get; init; } = "";
    public string? ReleasedByName { get; init; }
    public string? AutomaticReason { get; init; }
    public DateTimeOffset ReleasedAt { get; init; }

    public IReadOnlyList<ScheduleChange> Changes => ScheduleJson.List<ScheduleChange>(Changelog);
}

public static class NotifyModes
{
    public const string Immediate = "immediate";
    public const string Held = "held";
    public const string None = "none";
    public static readonly string[] All = [Immediate, Held, None];
}

public sealed record ReleaseInput(string? Notify, bool? Override, string? Reason);

public sealed record ReleaseResponse(
    int Number, DateTimeOffset ReleasedAt, int ErrorCount, int WarningCount, string? OverrideReason, string Notify, IReadOnlyList<ScheduleChange> Changes);

public static class ReleaseMapping
{
    public static ReleaseResponse AsResponse(this ReleaseRow r) =>
        new(r.Number, r.ReleasedAt, r.ErrorCount, r.WarningCount, r.OverrideReason, r.Notify, r.Changes);
}
