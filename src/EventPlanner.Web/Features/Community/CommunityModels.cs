using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Community;

public static class GroupStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Declined = "declined";
}

/// <summary>A room request's life: requested → approved | declined | proposed (organisers offer another room or time) → approved or back to requested; withdrawn by the group.</summary>
public static class BlockStatuses
{
    public const string Requested = "requested";
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static bool IsOpen(string status) => status is Requested or Proposed;

    public static string Label(string status) => status switch
    {
        Requested => "Waiting for the organisers",
        Proposed => "Organisers propose another room or time",
        Approved => "Approved: the room is yours",
        Declined => "Declined",
        Withdrawn => "Withdrawn",
        _ => status,
    };
}

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record GroupRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string Contacts { get; init; } = "";
    public string? LogoUrl { get; init; }
    public string Status { get; init; } = GroupStatuses.Pending;
    public string? DeclineReason { get; init; }
    public long? TrackId { get; init; }
    public long? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string HostsJson { get; init; } = "[]";

    public IReadOnlyList<GroupHost> Hosts => CommunityJson.List<GroupHost>(HostsJson);
    public bool IsHost(long? userId) => userId is { } id && Hosts.Any(h => h.Id == id);
}

public sealed record GroupHost(long Id, string Name);

public sealed record BlockRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long GroupId { get; init; }
    public string GroupName { get; init; } = "";
    public long? RequestedRoomId { get; init; }
    public long? RoomId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int ExpectedAttendance { get; init; }
    public string Purpose { get; init; } = "";
    public string AvNeeds { get; init; } = "";
    public string Status { get; init; } = BlockStatuses.Requested;
    public long? ProposedRoomId { get; init; }
    public DateTimeOffset? ProposedStartsAt { get; init; }
    public DateTimeOffset? ProposedEndsAt { get; init; }
    public string OrganiserNote { get; init; } = "";
    public string? DeclineReason { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A community session: the schedule_sessions row, with the block it belongs to and its guests.</summary>
public sealed record BlockSessionRow
{
    public long Id { get; init; }
    public long BlockId { get; init; }
    public string Kind { get; init; } = SessionKinds.Talk;
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public int DurationMinutes { get; init; }
    public bool IsCancelled { get; init; }
    public int Version { get; init; }
    public string GuestSpeakers { get; init; } = "[]";
    public string SpeakersJson { get; init; } = "[]";

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public IReadOnlyList<string> Guests => CommunityJson.List<string>(GuestSpeakers);
    public IReadOnlyList<SessionSpeakerEmail> Speakers => CommunityJson.List<SessionSpeakerEmail>(SpeakersJson);
}

public sealed record SessionSpeakerEmail(long Id, string Name, string Email);

internal static class CommunityJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IReadOnlyList<T> List<T>(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return System.Text.Json.JsonSerializer.Deserialize<List<T>>(json, Options) ?? []; }
        catch (System.Text.Json.JsonException) { return []; }
    }

    public static string Write<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Options);
}
