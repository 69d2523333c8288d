using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>A line of a reviewer's queue as read; <see cref="ReviewerViews"/> turns it into what they may see.</summary>
public sealed record QueueRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string State { get; init; } = "";
    public int Version { get; init; }
    public long SessionTypeId { get; init; }
    public long? TrackId { get; init; }
    public string? RedactedTitle { get; init; }
    public string? RedactedAbstract { get; init; }
    public int ReviewCount { get; init; }
    public bool IsAssigned { get; init; }
    public long? MyReviewId { get; init; }
    public bool MyAbstained { get; init; }
    public int? MyVersion { get; init; }
    public string Speakers { get; init; } = "[]";

    public IReadOnlyList<SpeakerIdentity> SpeakerList => Json.List<SpeakerIdentity>(Speakers);
}

/// <summary>A proposal as a reviewer reads it (before anonymising).</summary>
public sealed record ReviewerProposalRow
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string Description { get; init; } = "";
    public string State { get; init; } = "";
    public int Version { get; init; }
    public long SessionTypeId { get; init; }
    public int? DurationMinutes { get; init; }
    public string AudienceLevel { get; init; } = "";
    public string Language { get; init; } = "";
    public long? TrackId { get; init; }
    public string? RedactedTitle { get; init; }
    public string? RedactedAbstract { get; init; }
    public string? RedactedDescription { get; init; }
    public int? RedactedVersion { get; init; }
    public bool IsAssigned { get; init; }
}

public sealed record ReviewerAnswerRow
{
    public long QuestionId { get; init; }
    public string Prompt { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Value { get; init; } = "";
}

/// <summary>Everything loaded for one reviewer and one proposal, before the phase's rules decide what is shown.</summary>
public sealed record ReviewerProposalData(
    ReviewerProposalRow Proposal, IReadOnlyList<SpeakerIdentity> Speakers, IReadOnlyList<ReviewerAnswerRow> Answers, IReadOnlyList<ReviewRow> Reviews);

public static class ReviewStatus
{
    public const string ToReview = "to_review";
    public const string Reviewed = "reviewed";
    public const string Abstained = "abstained";
    public const string Stale = "stale";

    public static string Of(long? reviewId, bool abstained, int? reviewedVersion, int currentVersion) =>
        reviewId is null ? ToReview : reviewedVersion < currentVersion ? Stale : abstained ? Abstained : Reviewed;

    public static string Label(string status) => status switch
    {
        ToReview => "To review",
        Reviewed => "Reviewed",
        Abstained => "Abstained",
        Stale => "Changed since your review",
        _ => status,
    };
}

// What a reviewer is shown. Speakers is null when the phase hides names: then no field here carries identity.
public sealed record QueueItem(long Id, string Title, string Track, string SessionType, string State, int Reviews, bool Assigned, string Status,
    IReadOnlyList<string>? Speakers);

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Total, int Page, int Pages, bool Anonymous, string? PhaseName, bool PhaseOpen);

public sealed record ReviewerSpeaker(string Name, string Affiliation, string Bio, IReadOnlyList<string> Links);

public sealed record ReviewerAnswer(string Prompt, string Value);

public sealed record CriterionView(long Id, string Name, string Description, int MinScore, int MaxScore, double Weight);

public sealed record ReviewView(
    long Id, string Reviewer, bool Abstained, IReadOnlyDictionary<long, int> Scores, double? Total, string Comment, string NoteToSpeaker,
    bool Stale, DateTimeOffset UpdatedAt);

public sealed record ReviewerProposalView(
    long Id, string Title, string Abstract, string Description, string SessionType, int? DurationMinutes, string Track, string AudienceLevel,
    string Language, string State, int Version, bool Anonymous, bool Redacted, IReadOnlyList<ReviewerSpeaker>? Speakers,
    IReadOnlyList<ReviewerAnswer> Answers, IReadOnlyList<CriterionView> Criteria, bool Assigned, bool MayScore, string? WhyNotScore,
    ReviewView? MyReview, bool MyReviewStale, IReadOnlyList<ReviewView>? OtherReviews, ScoreSummary? Summary);

/// <summary>Applies the phase's rules to what was read: anonymity, redaction, whose scores are shown.</summary>
public static class ReviewerViews
{
    public static QueueItem Item(QueueRow r, ReviewContext ctx, bool anonymous)
    {
        var speakers = r.SpeakerList;
        var title = anonymous ? Anonymiser.Scrub(r.RedactedTitle ?? r.Title, speakers) : r.Title;
        return new QueueItem(r.Id, title, ctx.TrackName(r.TrackId), ctx.TypeName(r.SessionTypeId), r.State, r.ReviewCount, r.IsAssigned,
            ReviewStatus.Of(r.MyReviewId, r.MyAbstained, r.MyVersion, r.Version), anonymous ? null : speakers.Select(s => s.Name).ToList());
    }

    /// <summary>The words a reviewer may search: what they are shown, never the hidden names.</summary>
    public static bool Matches(QueueRow r, bool anonymous, string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return true;
        var speakers = r.SpeakerList;
        var title = anonymous ? Anonymiser.Scrub(r.RedactedTitle ?? r.Title, speakers) : r.Title;
        var text = anonymous ? Anonymiser.Scrub(r.RedactedAbstract ?? r.Abstract, speakers) : r.Abstract;
        var names = anonymous ? "" : string.Join(" ", speakers.Select(s => s.Name));
        return q.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w =>
            title.Contains(w, StringComparison.OrdinalIgnoreCase) || text.Contains(w, StringComparison.OrdinalIgnoreCase)
            || names.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    public static ReviewerProposalView Proposal(ReviewerProposalData d, ReviewContext ctx, Reviewer reviewer, EffectivePhase phase)
    {
        var p = d.Proposal;
        var anonymous = phase.HideSpeakers;
        var redacted = anonymous && p.RedactedTitle is not null;
        string Shown(string? redactedText, string original) => anonymous ? Anonymiser.Scrub(redactedText ?? original, d.Speakers) : original;

        var criteria = ctx.CriteriaFor(p.TrackId);
        var byId = ctx.CriteriaById;
        var mine = d.Reviews.FirstOrDefault(r => r.UserId == reviewer.UserId);
        var others = d.Reviews.Where(r => r.UserId != reviewer.UserId).ToList();
        var showOthers = PhaseRules.ShowsOthers(phase, mine is not null);

        var (mayScore, why) = ScoringAllowed(ctx, reviewer, phase, p.State);
        // In an anonymous phase a URL answer is left out: it points at somebody.
        var answers = d.Answers.Where(a => !anonymous || a.Kind != QuestionKinds.Url)
            .Select(a => new ReviewerAnswer(a.Prompt, anonymous ? Anonymiser.Scrub(a.Value, d.Speakers) : a.Value)).ToList();

        ScoreSummary? summary = null;
        if (showOthers)
        {
            var totals = d.Reviews.Where(r => !r.Abstained).Select(r => ScoringRules.ReviewTotal(r.ScoreList, byId)).OfType<double>().ToList();
            summary = ScoringRules.Summarise(totals, d.Reviews.Count(r => r.Abstained), ctx.Settings.TotalMethod);
        }

        return new ReviewerProposalView(p.Id, Shown(p.RedactedTitle, p.Title), Shown(p.RedactedAbstract, p.Abstract), Shown(p.RedactedDescription, p.Description),
            ctx.TypeName(p.SessionTypeId), p.DurationMinutes, ctx.TrackName(p.TrackId), p.AudienceLevel, p.Language, p.State, p.Version, anonymous, redacted,
            anonymous ? null : d.Speakers.Select(s => new ReviewerSpeaker(s.Name, s.Affiliation, s.Bio, s.LinkList)).ToList(),
            answers, criteria.Select(c => new CriterionView(c.Id, c.Name, c.Description, c.MinScore, c.MaxScore, c.Weight)).ToList(),
            p.IsAssigned, mayScore, why, mine is null ? null : View(mine, byId, p.Version, t => t), mine is not null && mine.ProposalVersion < p.Version,
            showOthers ? others.Select(r => View(r, byId, p.Version, t => Shown(null, t))).ToList() : null, summary);
    }

    public static (bool May, string? Why) ScoringAllowed(ReviewContext ctx, Reviewer reviewer, EffectivePhase phase, string state)
    {
        if (!phase.IsOpen) return (false, phase.Phase is null ? "No review phase has been set up yet." : "No review phase is open now, so reviews cannot be changed.");
        if (!ReviewerScope.MayScore(ctx, reviewer, phase)) return (false, $"Only the team chosen for the phase \"{phase.Phase!.Name}\" reviews in it.");
        if (!phase.ReviewableStates.Contains(state)) return (false, $"This phase reviews {PhaseRules.Label(phase.ProposalStates)}; this proposal is {ProposalStates.Label(state).ToLowerInvariant()}.");
        return (true, null);
    }

    // Another reviewer's words pass through the same scrub as the speaker's: they may know who it is.
    private static ReviewView View(ReviewRow r, IReadOnlyDictionary<long, CriterionRow> criteria, int version, Func<string, string> text) =>
        new(r.Id, r.ReviewerName, r.Abstained, r.ScoreList.ToDictionary(s => s.CriterionId, s => s.Score),
            r.Abstained ? null : ScoringRules.ReviewTotal(r.ScoreList, criteria), text(r.Comment), text(r.NoteToSpeaker), r.ProposalVersion < version, r.UpdatedAt);
}
