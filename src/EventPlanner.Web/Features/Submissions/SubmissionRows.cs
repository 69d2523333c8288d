using System.Text.Json;

namespace EventPlanner.Web.Features.Submissions;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record CfpSettingsRow
{
    public long EventId { get; init; }
    public DateTimeOffset? OpensAt { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }
    public string Intro { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record SessionTypeRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string Durations { get; init; } = "";
    public DateTimeOffset? ClosesAt { get; init; }
    public bool AcceptsLate { get; init; }
    public bool IsHidden { get; init; }
    public bool IsEnabled { get; init; }
    public int MaxSpeakers { get; init; }
    public int SortOrder { get; init; }

    public IReadOnlyList<int> DurationList => SessionTypeRules.ParseDurations(Durations);
}

public sealed record AccessCodeRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Code { get; init; } = "";
    public string Description { get; init; } = "";
    public long? SessionTypeId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public int? MaxUses { get; init; }
    public int Uses { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record QuestionRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Target { get; init; } = QuestionTargets.Proposal;
    public string Kind { get; init; } = QuestionKinds.ShortText;
    public string Prompt { get; init; } = "";
    public string Help { get; init; } = "";
    public string Options { get; init; } = "[]";
    public bool IsRequired { get; init; }
    public string TrackIds { get; init; } = "[]";
    public string SessionTypeIds { get; init; } = "[]";
    public int SortOrder { get; init; }
    public bool IsActive { get; init; }

    public IReadOnlyList<string> OptionList => Json.List<string>(Options);
    public IReadOnlyList<long> TrackIdList => Json.List<long>(TrackIds);
    public IReadOnlyList<long> SessionTypeIdList => Json.List<long>(SessionTypeIds);
}

public sealed record ProposalRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long SessionTypeId { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string Description { get; init; } = "";
    public int? DurationMinutes { get; init; }
    public string AudienceLevel { get; init; } = "all";
    public string Language { get; init; } = "";
    public string Notes { get; init; } = "";
    public string Availability { get; init; } = "[]";
    public string State { get; init; } = ProposalStates.Draft;
    public string ReleasedState { get; init; } = ProposalStates.Draft;
    public long? AccessCodeId { get; init; }
    public bool SubmittedLate { get; init; }
    public int Version { get; init; }
    public long? CopiedFromId { get; init; }
    public long? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }

    public IReadOnlyList<AvailabilityRange> AvailabilityList => Json.List<AvailabilityRange>(Availability);
}

/// <summary>A time range on one event day, in the event's zone.</summary>
public sealed record AvailabilityRange(DateOnly Date, TimeOnly From, TimeOnly To);

public sealed record ProposalSpeakerRow
{
    public long ProposalId { get; init; }
    public long UserId { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? FullName { get; init; }
    public bool IsOwner { get; init; }

    public string Name => string.IsNullOrWhiteSpace(FullName) ? DisplayName : FullName;
}

public sealed record ProposalTrackRow
{
    public long ProposalId { get; init; }
    public long TrackId { get; init; }
    public string Name { get; init; } = "";
    public int Preference { get; init; }
}

public sealed record AnswerRow
{
    public long QuestionId { get; init; }
    public string Value { get; init; } = "";
}

public sealed record ProposalVersionRow
{
    public long Id { get; init; }
    public long ProposalId { get; init; }
    public int Version { get; init; }
    public string Change { get; init; } = "";
    public string State { get; init; } = "";
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string Description { get; init; } = "";
    public long? SessionTypeId { get; init; }
    public int? DurationMinutes { get; init; }
    public string AudienceLevel { get; init; } = "";
    public string Language { get; init; } = "";
    public string Notes { get; init; } = "";
    public string TrackIds { get; init; } = "[]";
    public long? EditedBy { get; init; }
    public string? EditorName { get; init; }
    public DateTimeOffset EditedAt { get; init; }
}

public sealed record InvitationRow
{
    public long Id { get; init; }
    public long ProposalId { get; init; }
    public string Email { get; init; } = "";
    public long? InvitedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string? Response { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
}

public sealed record SpeakerProfileRow
{
    public long UserId { get; init; }
    public string FullName { get; init; } = "";
    public string Bio { get; init; } = "";
    public string Affiliation { get; init; } = "";
    public string Links { get; init; } = "[]";
    public string? PhotoFile { get; init; }
    public string? PhotoContentType { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<string> LinkList => Json.List<string>(Links);
}

/// <summary>The JSON columns (lists of ids, choices, links, availability) read and written one way.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<T> List<T>(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<List<T>>(json, Options) ?? []; }
        catch (JsonException) { return []; }
    }

    public static string Of<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values.ToList(), Options);
}
