using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

// Stored rows: init properties (not positional records) so Dapper applies the date/time type handlers.
public sealed record ReviewSettingsRow
{
    public long EventId { get; init; }
    public string TotalMethod { get; init; } = ScoringRules.Mean;
    public int ReviewersPerProposal { get; init; } = 3;
    public int ConfirmDays { get; init; } = 14;
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record CriterionRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public int MinScore { get; init; }
    public int MaxScore { get; init; }
    public double Weight { get; init; } = 1;
    public string TrackIds { get; init; } = "[]";
    public int SortOrder { get; init; }

    public IReadOnlyList<long> TrackIdList => Json.List<long>(TrackIds);
}

public sealed record PhaseRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public string Reviewers { get; init; } = PhaseRules.AssignedReviewers;
    public long? TeamId { get; init; }
    public string ProposalStates { get; init; } = PhaseRules.SubmittedProposals;
    public string OtherScores { get; init; } = PhaseRules.AfterOwn;
    public bool HideSpeakers { get; init; } = true;
}

public sealed record TeamRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Name { get; init; } = "";
    public string TrackIds { get; init; } = "[]";
    public string TypeIds { get; init; } = "[]";
    public string Members { get; init; } = "[]";

    public IReadOnlyList<long> TrackIdList => Json.List<long>(TrackIds);
    public IReadOnlyList<long> TypeIdList => Json.List<long>(TypeIds);
    public IReadOnlyList<TeamMember> MemberList => Json.List<TeamMember>(Members);
}

public sealed record TeamMember(long Id, string Name, string Email);

public sealed record ConflictRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long UserId { get; init; }
    public string ReviewerName { get; init; } = "";
    public long? ProposalId { get; init; }
    public string? ProposalTitle { get; init; }
    public long? SpeakerId { get; init; }
    public string? SpeakerName { get; init; }
    public string Reason { get; init; } = "";
    public long? DeclaredBy { get; init; }
    public DateTimeOffset DeclaredAt { get; init; }
}

/// <summary>A possible conflict worth a look: a co-speaker elsewhere, or a speaker of the same affiliation.</summary>
public sealed record ConflictSuggestionRow
{
    public long UserId { get; init; }
    public string ReviewerName { get; init; } = "";
    public long ProposalId { get; init; }
    public string Title { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Speakers { get; init; } = "[]";

    public IReadOnlyList<SpeakerIdentity> SpeakerList => Json.List<SpeakerIdentity>(Speakers);
}

public sealed record ReviewRow
{
    public long Id { get; init; }
    public long ProposalId { get; init; }
    public long UserId { get; init; }
    public string ReviewerName { get; init; } = "";
    public long? PhaseId { get; init; }
    public bool Abstained { get; init; }
    public string Comment { get; init; } = "";
    public string NoteToSpeaker { get; init; } = "";
    public int ProposalVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string Scores { get; init; } = "[]";

    public IReadOnlyList<CriterionScore> ScoreList => Json.List<CriterionScore>(Scores);
}

/// <summary>One criterion's score in one review (also the JSON shape of <see cref="ReviewRow.Scores"/>).</summary>
public sealed record CriterionScore(long CriterionId, int Score);

public sealed record RedactionRow
{
    public long ProposalId { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string Description { get; init; } = "";
    public int ProposalVersion { get; init; }
    public DateTimeOffset RedactedAt { get; init; }
}

public sealed record DecisionRow
{
    public long ProposalId { get; init; }
    public long EventId { get; init; }
    public long? DecidedBy { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public int Round { get; init; }
    public int? ReleasedRound { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public DateTimeOffset? ConfirmBy { get; init; }
    public string? Response { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
}

public sealed record SlotOfferRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public long VacatedProposalId { get; init; }
    public string VacatedTitle { get; init; } = "";
    public long? CandidateProposalId { get; init; }
    public string? CandidateTitle { get; init; }
    public string? CandidateState { get; init; }
    public string Reason { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string? Resolution { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
