namespace EventPlanner.Web.Features.Submissions;

/// <summary>A proposal's life. Speakers see <c>released_state</c>; organisers see <c>state</c>.</summary>
public static class ProposalStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string InReview = "in_review";
    public const string Shortlisted = "shortlisted";
    public const string Accepted = "accepted";
    public const string Waitlisted = "waitlisted";
    public const string Rejected = "rejected";
    public const string Confirmed = "confirmed";
    public const string Withdrawn = "withdrawn";

    public static readonly string[] All = [Draft, Submitted, InReview, Shortlisted, Accepted, Waitlisted, Rejected, Confirmed, Withdrawn];

    /// <summary>Speakers may change the content until a decision is taken (and only while the deadline allows).</summary>
    public static bool SpeakerMayEdit(string state) => state is Draft or Submitted or InReview;

    /// <summary>Withdrawal is open until the proposal is accepted and confirmed by its speakers.</summary>
    public static bool MayWithdraw(string state) => state is not (Confirmed or Withdrawn);

    public static string Label(string state) => state switch
    {
        Draft => "Draft",
        Submitted => "Submitted",
        InReview => "In review",
        Shortlisted => "Shortlisted",
        Accepted => "Accepted",
        Waitlisted => "Waitlisted",
        Rejected => "Not accepted",
        Confirmed => "Confirmed",
        Withdrawn => "Withdrawn",
        _ => state,
    };
}

public static class AudienceLevels
{
    public static readonly string[] All = ["all", "beginner", "intermediate", "advanced"];

    public static string Label(string level) => level switch
    {
        "beginner" => "Beginner",
        "intermediate" => "Intermediate",
        "advanced" => "Advanced",
        _ => "Everyone",
    };
}

public static class QuestionTargets
{
    public const string Proposal = "proposal";
    public const string Speaker = "speaker";
}

public static class QuestionKinds
{
    public const string ShortText = "short_text";
    public const string LongText = "long_text";
    public const string Number = "number";
    public const string Url = "url";
    public const string YesNo = "yes_no";
    public const string SingleChoice = "single_choice";
    public const string MultipleChoice = "multiple_choice";

    public static readonly string[] All = [ShortText, LongText, Number, Url, YesNo, SingleChoice, MultipleChoice];

    public static bool HasOptions(string kind) => kind is SingleChoice or MultipleChoice;
}
