namespace EventPlanner.Web.Features.Reviews;

// Requests: every field nullable so a missing one becomes a field message, not a binding error.
// Phase dates are local to the event's zone, written yyyy-MM-ddTHH:mm.
public sealed record ReviewSettingsInput(string? TotalMethod, int? ReviewersPerProposal, int? ConfirmDays);

public sealed record CriterionInput(string? Name, string? Description, int? MinScore, int? MaxScore, double? Weight,
    IReadOnlyList<long>? TrackIds, int? SortOrder);

public sealed record PhaseInput(string? Name, string? OpensAt, string? ClosesAt, string? Reviewers, long? TeamId,
    string? ProposalStates, string? OtherScores, bool? HideSpeakers);

public sealed record TeamInput(string? Name, IReadOnlyList<long>? TrackIds, IReadOnlyList<long>? SessionTypeIds, IReadOnlyList<string>? MemberEmails);

/// <summary>Scores by criterion id; "abstain": true instead of scores when the reviewer cannot judge it.</summary>
public sealed record ReviewInput(IReadOnlyDictionary<long, int?>? Scores, string? Comment, string? NoteToSpeaker, bool? Abstain);

/// <summary>"proposal" names this proposal only; "speakers" names each of its speakers (and so all of their proposals).</summary>
public sealed record ConflictInput(string? Scope, string? Reason);

public sealed record SpeakerConflictInput(string? Email, string? Reason);

public sealed record AssignmentInput(long? ProposalId, long? ReviewerId);

public sealed record AutoAssignInput(int? PerProposal, string? ProposalStates, long? TeamId, int? Seed);

public sealed record RedactionInput(string? Title, string? Abstract, string? Description);

public sealed record DecisionInput(IReadOnlyList<long>? ProposalIds, string? State, bool? IncludeReviewerNotes);

public sealed record ReleaseInput(IReadOnlyList<long>? ProposalIds);

/// <summary>"confirm" or "decline"; the token from the decision mail, or none when signed in as a speaker.</summary>
public sealed record ConfirmationInput(string? Response, string? Token);

// Validated values.
public sealed record ReviewSettingsValues(string TotalMethod, int ReviewersPerProposal, int ConfirmDays);

public sealed record CriterionValues(string Name, string Description, int MinScore, int MaxScore, double Weight, IReadOnlyList<long> TrackIds, int SortOrder);

public sealed record PhaseValues(string Name, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string Reviewers, long? TeamId,
    string ProposalStates, string OtherScores, bool HideSpeakers);

public sealed record TeamValues(string Name, IReadOnlyList<long> TrackIds, IReadOnlyList<long> SessionTypeIds, IReadOnlyList<string> MemberEmails);

public sealed record ReviewValues(IReadOnlyList<CriterionScore> Scores, string Comment, string NoteToSpeaker, bool Abstain);
