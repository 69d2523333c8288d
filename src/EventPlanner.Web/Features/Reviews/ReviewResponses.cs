using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

// Responses. Instants are UTC; the *Local fields give the same instant in the event's zone.
public sealed record ReviewSettingsResponse(string TotalMethod, int ReviewersPerProposal, int ConfirmDays);

public sealed record CriterionResponse(long Id, string Name, string Description, int MinScore, int MaxScore, double Weight, IReadOnlyList<long> TrackIds, int SortOrder);

public sealed record PhaseResponse(
    long Id, string Name, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string OpensAtLocal, string ClosesAtLocal, string Reviewers, long? TeamId,
    string ProposalStates, string OtherScores, bool HideSpeakers, bool IsOpen);

public sealed record TeamResponse(long Id, string Name, IReadOnlyList<long> TrackIds, IReadOnlyList<long> SessionTypeIds, IReadOnlyList<TeamMember> Members);

public sealed record ReviewSetupResponse(
    ReviewSettingsResponse Settings, IReadOnlyList<CriterionResponse> Criteria, IReadOnlyList<PhaseResponse> Phases, IReadOnlyList<TeamResponse> Teams,
    string? CurrentPhase, bool PhaseOpen);

public sealed record NextResponse(long ProposalId, string Link);

/// <summary>A reviewer's own conflict. Speaker names stay out while names are hidden (the conflict may come from an anonymous proposal).</summary>
public sealed record MyConflictResponse(long Id, long? ProposalId, string? Speaker, string Reason, DateTimeOffset DeclaredAt);

public sealed record ConflictResponse(long Id, long ReviewerId, string Reviewer, long? ProposalId, string? ProposalTitle, long? SpeakerId, string? Speaker,
    string Reason, DateTimeOffset DeclaredAt);

public sealed record SuggestionResponse(long ReviewerId, string Reviewer, long ProposalId, string Title, string Reason);

public sealed record RecordConflictInput(long? ReviewerId, long? ProposalId, string? Reason);

public sealed record RedactionResponse(long ProposalId, string Title, string Abstract, string Description, int ProposalVersion, bool OutOfDate);

public static class ReviewMapping
{
    public static ReviewSettingsResponse AsResponse(this ReviewSettingsRow s) => new(s.TotalMethod, s.ReviewersPerProposal, s.ConfirmDays);

    public static CriterionResponse AsResponse(this CriterionRow c) => new(c.Id, c.Name, c.Description, c.MinScore, c.MaxScore, c.Weight, c.TrackIdList, c.SortOrder);

    public static PhaseResponse AsResponse(this PhaseRow p, TimeZoneInfo zone, DateTimeOffset now) =>
        new(p.Id, p.Name, p.OpensAt, p.ClosesAt, CfpTime.ToInput(p.OpensAt, zone), CfpTime.ToInput(p.ClosesAt, zone), p.Reviewers, p.TeamId,
            p.ProposalStates, p.OtherScores, p.HideSpeakers, p.OpensAt <= now && now < p.ClosesAt);

    public static TeamResponse AsResponse(this TeamRow t) => new(t.Id, t.Name, t.TrackIdList, t.TypeIdList, t.MemberList);

    public static ReviewSetupResponse AsSetup(this ReviewContext ctx, DateTimeOffset now)
    {
        var phase = ctx.PhaseAt(now);
        return new ReviewSetupResponse(ctx.Settings.AsResponse(), ctx.Criteria.Select(AsResponse).ToList(),
            ctx.Phases.Select(p => p.AsResponse(ctx.Event.Zone, now)).ToList(), ctx.Teams.Select(AsResponse).ToList(), phase.Phase?.Name, phase.IsOpen);
    }

    public static MyConflictResponse AsMine(this ConflictRow k, bool anonymous) =>
        new(k.Id, k.ProposalId, k.SpeakerId is null ? null : anonymous ? "a speaker" : k.SpeakerName, k.Reason, k.DeclaredAt);

    public static ConflictResponse AsResponse(this ConflictRow k) =>
        new(k.Id, k.UserId, k.ReviewerName, k.ProposalId, k.ProposalTitle, k.SpeakerId, k.SpeakerName, k.Reason, k.DeclaredAt);

    /// <summary>For the reviewer themselves: the title as they would see it in their queue.</summary>
    public static SuggestionResponse AsResponse(this ConflictSuggestionRow s, bool anonymous) =>
        new(s.UserId, s.ReviewerName, s.ProposalId, anonymous ? Anonymiser.Scrub(s.Title, s.SpeakerList) : s.Title, s.Reason);

    public static RedactionResponse AsResponse(this RedactionRow r, int currentVersion) =>
        new(r.ProposalId, r.Title, r.Abstract, r.Description, r.ProposalVersion, r.ProposalVersion < currentVersion);
}
