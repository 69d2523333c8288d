namespace EventPlanner.Web.Features.Submissions;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
// Dates and times are local to the event's zone, written yyyy-MM-ddTHH:mm.
public sealed record CfpSettingsInput(string? OpensAt, string? ClosesAt, string? Intro);

public sealed record SessionTypeInput(
    string? Name, IReadOnlyList<int>? Durations, string? ClosesAt, bool? AcceptsLate, bool? IsHidden,
    bool? IsEnabled, int? MaxSpeakers, int? SortOrder);

public sealed record QuestionInput(
    string? Target, string? Kind, string? Prompt, string? Help, IReadOnlyList<string>? Options, bool? IsRequired,
    IReadOnlyList<long>? TrackIds, IReadOnlyList<long>? SessionTypeIds, int? SortOrder, bool? IsActive);

public sealed record AccessCodeInput(string? Code, string? Description, long? SessionTypeId, string? ExpiresAt, int? MaxUses);

public sealed record AvailabilityInput(string? Date, string? From, string? To);

/// <summary>An answer to a custom question: <c>Value</c> for one value, <c>Values</c> for multiple choice.</summary>
public sealed record AnswerInput(long QuestionId, string? Value, IReadOnlyList<string>? Values = null);

public sealed record ProposalInput(
    string? Title, string? Abstract, string? Description, long? SessionTypeId, int? DurationMinutes,
    IReadOnlyList<long>? TrackIds, string? AudienceLevel, string? Language, string? Notes,
    IReadOnlyList<AvailabilityInput>? Availability, IReadOnlyList<AnswerInput>? Answers, string? AccessCode, bool? Submit = null);

// Validated values.
public sealed record CfpSettingsValues(DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string Intro);

public sealed record SessionTypeValues(
    string Name, IReadOnlyList<int> Durations, DateTimeOffset? ClosesAt, bool AcceptsLate, bool IsHidden, bool IsEnabled, int MaxSpeakers, int SortOrder)
{
    public string DurationText => string.Join(",", Durations);
}

public sealed record QuestionValues(
    string Target, string Kind, string Prompt, string Help, IReadOnlyList<string> Options, bool IsRequired,
    IReadOnlyList<long> TrackIds, IReadOnlyList<long> SessionTypeIds, int SortOrder, bool IsActive);

public sealed record AccessCodeValues(string Code, string Description, long? SessionTypeId, DateTimeOffset? ExpiresAt, int? MaxUses);

public sealed record ProposalValues(
    string Title, string Abstract, string Description, long SessionTypeId, int? DurationMinutes, IReadOnlyList<long> TrackIds,
    string AudienceLevel, string Language, string Notes, IReadOnlyList<AvailabilityRange> Availability,
    IReadOnlyDictionary<long, string> ProposalAnswers, IReadOnlyDictionary<long, string> SpeakerAnswers, string? AccessCode);
