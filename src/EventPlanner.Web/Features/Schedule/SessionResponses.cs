using System.Globalization;

namespace EventPlanner.Web.Features.Schedule;

public sealed record ConflictResponse(string Kind, string Severity, long SessionId, long? OtherSessionId, string Message);

/// <summary>A session as organisers see it: where it is (local date and times in the event's zone), its version and its conflicts.</summary>
public sealed record SessionResponse(
    long Id, string Guid, long? ProposalId, string Kind, string Title, string Abstract, string Description, string Language,
    long? TrackId, string? Track, int DurationMinutes, int ExpectedAudience, int Stars, long? RoomId, string? Room,
    string? Date, string? Start, string? End, DateTimeOffset? StartsAt, bool IsCancelled, int Version,
    IReadOnlyList<SessionSpeaker> Speakers, IReadOnlyList<ConflictResponse> Conflicts);

public sealed record ConflictSummary(int Errors, int Warnings, IReadOnlyList<ConflictResponse> Conflicts);
public sealed record CreatedCount(int Created);
public sealed record SlotResponse(long Id, string Date, long? RoomId, string Starts, string Ends);

public static class SessionMapping
{
    public static ConflictResponse AsResponse(this Conflict c) => new(c.Kind, c.Severity, c.SessionId, c.OtherSessionId, c.Message);

    public static SessionResponse AsResponse(this SessionRow s, ScheduleBoard board)
    {
        var start = s.StartsAt is { } t ? board.Local(t) : (DateTime?)null;
        var end = s.EndsAt is { } u ? board.Local(u) : (DateTime?)null;
        return new SessionResponse(s.Id, s.Guid, s.ProposalId, s.Kind, s.Title, s.Abstract, s.Description, s.Language, s.TrackId, s.TrackName,
            s.DurationMinutes, s.ExpectedAudience, s.Stars, s.RoomId, s.RoomId is null ? null : board.RoomName(s.RoomId),
            start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start?.ToString("HH:mm", CultureInfo.InvariantCulture),
            end?.ToString("HH:mm", CultureInfo.InvariantCulture), s.StartsAt, s.IsCancelled, s.Version, s.Speakers,
            board.ConflictsOf(s.Id).Select(c => c.AsResponse()).ToList());
    }

    public static SlotResponse AsResponse(this SlotRow s) =>
        new(s.Id, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.RoomId, s.Starts.ToString("HH:mm", CultureInfo.InvariantCulture),
            s.Ends.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>"in Main Hall on Sat 28 Nov at 10:00", or "unscheduled".</summary>
    public static string Where(this SessionRow s, ScheduleBoard board) => s.StartsAt is { } t && s.RoomId is not null
        ? $"in {board.RoomName(s.RoomId)} on {board.Local(t).ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture)}"
        : "unscheduled";

    /// <summary>What the second of two organisers is told when their move was based on an old version.</summary>
    public static string StaleMessage(this SessionRow now, ScheduleBoard board) =>
        $"Someone else changed \"{now.Title}\" while you were looking: it is now {now.Where(board)}. " +
        "Your change was not saved. Reload to see the latest schedule, then try again if you still want to.";
}
