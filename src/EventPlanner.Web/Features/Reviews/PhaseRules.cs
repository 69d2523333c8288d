using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The phase in force at a moment, and what it allows. With no phase open, the rules of the last one that closed
/// (or, before any has opened, the next one) still decide what reviewers see, but nobody scores. An event with no
/// phase at all hides speaker names: anonymity is the safe default.
/// </summary>
public sealed record EffectivePhase(PhaseRow? Phase, bool IsOpen)
{
    public bool HideSpeakers => Phase?.HideSpeakers ?? true;
    public string OtherScores => Phase?.OtherScores ?? PhaseRules.AfterOwn;
    public bool AssignedOnly => (Phase?.Reviewers ?? PhaseRules.AllReviewers) == PhaseRules.AssignedReviewers;
    public string ProposalStates => Phase?.ProposalStates ?? PhaseRules.SubmittedProposals;
    public IReadOnlyList<string> ReviewableStates => PhaseRules.StatesFor(ProposalStates);
}

public static class PhaseRules
{
    public const string AssignedReviewers = "assigned";
    public const string AllReviewers = "all";
    public static readonly string[] ReviewerModes = [AssignedReviewers, AllReviewers];

    public const string SubmittedProposals = "submitted";
    public const string ShortlistedProposals = "shortlisted";
    public static readonly string[] ProposalScopes = [SubmittedProposals, ShortlistedProposals];

    public const string Always = "always";
    public const string AfterOwn = "after_own";
    public const string Never = "never";
    public static readonly string[] ScoreVisibilities = [Always, AfterOwn, Never];

    public static IReadOnlyList<string> StatesFor(string scope) => scope == ShortlistedProposals
        ? [Submissions.ProposalStates.Shortlisted]
        : [Submissions.ProposalStates.Submitted, Submissions.ProposalStates.InReview];

    public static EffectivePhase Effective(IEnumerable<PhaseRow> phases, DateTimeOffset now)
    {
        var list = phases.ToList();
        var open = list.Where(p => p.OpensAt <= now && now < p.ClosesAt).MaxBy(p => p.OpensAt);
        if (open is not null) return new EffectivePhase(open, true);
        var last = list.Where(p => p.ClosesAt <= now).MaxBy(p => p.ClosesAt);
        return new EffectivePhase(last ?? list.Where(p => p.OpensAt > now).MinBy(p => p.OpensAt), false);
    }

    /// <summary>Whether a reviewer sees the other reviews of a proposal.</summary>
    public static bool ShowsOthers(EffectivePhase phase, bool reviewedIt) => phase.OtherScores switch
    {
        Always => true,
        AfterOwn => reviewedIt,
        _ => false,
    };

    public static string Label(string value) => value switch
    {
        AssignedReviewers => "only the proposals assigned to them",
        AllReviewers => "every proposal they may see",
        SubmittedProposals => "submitted proposals",
        ShortlistedProposals => "the shortlist",
        Always => "always",
        AfterOwn => "after their own review",
        Never => "never",
        _ => value,
    };
}
