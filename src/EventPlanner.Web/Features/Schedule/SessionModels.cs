using System.Text.Json;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>What a session is: talks come from the call for papers; the rest organisers add themselves.</summary>
public static class SessionKinds
{
    public const string Talk = "talk";
    public const string Workshop = "workshop";
    public const string Lightning = "lightning";
    public const string Keynote = "keynote";
    public const string Plenary = "plenary";
    public const string Break = "break";
    public const string Lunch = "lunch";
    public const string Dinner = "dinner";
    public const string Hallway = "hallway";
    public const string Other = "other";

    public static readonly string[] All = [Talk, Workshop, Lightning, Keynote, Plenary, Break, Lunch, Dinner, Hallway, Other];

    /// <summary>Breaks and meals: shown plainly, never starred as talks, no speakers needed.</summary>
    public static bool IsPause(string kind) => kind is Break or Lunch or Dinner or Hallway;

    public static string Label(string kind) => kind switch
    {
        Talk => "Talk",
        Workshop => "Workshop",
        Lightning => "Lightning talks",
        Keynote => "Keynote",
        Plenary => "Plenary",
        Break => "Break",
        Lunch => "Lunch",
        Dinner => "Speakers' dinner",
        Hallway => "Hallway track",
        _ => "Other",
    };

    /// <summary>The kind a confirmed proposal becomes, from its CfP session type's name.</summary>
    public static string FromSessionType(string typeName)
    {
        var n = typeName.ToLowerInvariant();
        if (n.Contains("keynote")) return Keynote;
        if (n.Contains("lightning")) return Lightning;
        if (n.Contains("workshop") || n.Contains("tutorial")) return Workshop;
        return Talk;
    }
}

/// <summary>
/// Who puts a session on the public schedule. Organisers publish the programme in releases; the other sources
/// (community groups in their approved blocks, BoFs booked by attendees, lightning line-ups) publish themselves
/// at once through <see cref="LiveSchedule"/>.
/// </summary>
public static class SessionSources
{
    public const string Programme = "programme";
    public const string Community = "community";
    public const string Bof = "bof";
    public const string Lightning = "lightning";

    public static readonly string[] All = [Programme, Community, Bof, Lightning];
}

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record SessionRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Guid { get; init; } = "";
    public long? ProposalId { get; init; }
    public string Kind { get; init; } = SessionKinds.Talk;
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string Description { get; init; } = "";
    public string Language { get; init; } = "";
    public long? TrackId { get; init; }
    public string? TrackName { get; init; }
    public string? TrackColour { get; init; }
    public int DurationMinutes { get; init; }
    public int ExpectedAudience { get; init; }
    public long? RoomId { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public bool IsCancelled { get; init; }
    public string Source { get; init; } = SessionSources.Programme;
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Stars { get; init; }
    public string SpeakersJson { get; init; } = "[]";
    public string Availability { get; init; } = "[]";

    public bool IsPlaced => RoomId is not null && StartsAt is not null;
    public DateTimeOffset? EndsAt => StartsAt?.AddMinutes(DurationMinutes);

    /// <summary>What the room must hold: the organisers' estimate, raised by attendees who starred it.</summary>
    public int Audience => Math.Max(ExpectedAudience, Stars);

    public IReadOnlyList<SessionSpeaker> Speakers => ScheduleJson.List<SessionSpeaker>(SpeakersJson);
    public IReadOnlyList<AvailabilityRange> AvailabilityList => Json.List<AvailabilityRange>(Availability);
}

public sealed record SessionSpeaker(long Id, string Name);

public sealed record SlotRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public DateOnly Date { get; init; }
    public long? RoomId { get; init; }
    public TimeOnly Starts { get; init; }
    public TimeOnly Ends { get; init; }
}

public sealed record RoomHoursRow
{
    public long RoomId { get; init; }
    public DateOnly Date { get; init; }
    public TimeOnly OpensAt { get; init; }
    public TimeOnly ClosesAt { get; init; }
}

/// <summary>A placed session of a co-located event in the same venue, for the speaker rule.</summary>
public sealed record ForeignSessionRow
{
    public long Id { get; init; }
    public string EventName { get; init; } = "";
    public string EventSlug { get; init; } = "";
    public string Title { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public int DurationMinutes { get; init; }
    public string SpeakerIds { get; init; } = "[]";

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public IReadOnlyList<long> SpeakerIdList => ScheduleJson.List<long>(SpeakerIds);
}

internal static class ScheduleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<T> List<T>(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<List<T>>(json, Options) ?? []; }
        catch (JsonException) { return []; }
    }
}
