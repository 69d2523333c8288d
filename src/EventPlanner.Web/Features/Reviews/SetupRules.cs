using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>What makes review settings, criteria, phases and teams valid; plain code, unit-tested without a host.</summary>
public static class SetupRules
{
    public const int MaxName = 80;
    public const int MaxDescription = 1_000;
    public const int MaxReason = 500;

    public static ReviewSettingsValues? Validate(ReviewSettingsInput input, Validator v)
    {
        var method = input.TotalMethod?.Trim().ToLowerInvariant() ?? ScoringRules.Mean;
        if (!ScoringRules.Methods.Contains(method)) v.Add("totalMethod", "The total is the 'mean' or the 'median' of the reviews.");
        var per = v.Range("reviewersPerProposal", input.ReviewersPerProposal ?? 3, 1, 20, "Reviewers per proposal");
        var days = v.Range("confirmDays", input.ConfirmDays ?? 14, 1, 90, "Days to confirm");
        return v.HasErrors ? null : new ReviewSettingsValues(method, per, days);
    }

    public static CriterionValues? Validate(CriterionInput input, ReviewContext ctx, Validator v)
    {
        var name = v.Required("name", input.Name, MaxName, "Name");
        var description = v.Optional("description", input.Description, MaxDescription, "Description");
        var min = v.Range("minScore", input.MinScore ?? 0, -10, 100, "Lowest score");
        var max = v.Range("maxScore", input.MaxScore, -10, 100, "Highest score");
        if (input.MaxScore is not null && max <= min) v.Add("maxScore", "The highest score must be above the lowest (a scale such as 0–3 or 1–5).");
        var weight = input.Weight ?? 1;
        if (double.IsNaN(weight) || weight <= 0 || weight > 100) v.Add("weight", "Weight must be above 0 and at most 100.");
        var tracks = (input.TrackIds ?? []).Distinct().ToList();
        if (tracks.Any(t => ctx.Tracks.All(k => k.Id != t))) v.Add("trackIds", "One of the tracks does not exist in this event.");
        return v.HasErrors ? null : new CriterionValues(name!, description, min, max, weight, tracks, input.SortOrder ?? 0);
    }

    public static PhaseValues? Validate(PhaseInput input, ReviewContext ctx, Validator v)
    {
        var zone = ctx.Event.Zone;
        var name = v.Required("name", input.Name, MaxName, "Name");
        var opens = CfpRules.LocalTime(v, "opensAt", input.OpensAt, zone, "Opening time", required: true);
        var closes = CfpRules.LocalTime(v, "closesAt", input.ClosesAt, zone, "Closing time", required: true);
        if (opens is { } o && closes is { } c && c <= o) v.Add("closesAt", "The phase must close after it opens.");
        var reviewers = Choice(v, "reviewers", input.Reviewers, PhaseRules.AssignedReviewers, PhaseRules.ReviewerModes);
        var states = Choice(v, "proposalStates", input.ProposalStates, PhaseRules.SubmittedProposals, PhaseRules.ProposalScopes);
        var others = Choice(v, "otherScores", input.OtherScores, PhaseRules.AfterOwn, PhaseRules.ScoreVisibilities);
        if (input.TeamId is { } team && ctx.Teams.All(t => t.Id != team)) v.Add("teamId", "That team does not exist in this event.");
        return v.HasErrors ? null : new PhaseValues(name!, opens!.Value, closes!.Value, reviewers, input.TeamId, states, others, input.HideSpeakers ?? true);
    }

    public static TeamValues? Validate(TeamInput input, ReviewContext ctx, Validator v)
    {
        var name = v.Required("name", input.Name, MaxName, "Name");
        var tracks = (input.TrackIds ?? []).Distinct().ToList();
        if (tracks.Any(t => ctx.Tracks.All(k => k.Id != t))) v.Add("trackIds", "One of the tracks does not exist in this event.");
        var types = (input.SessionTypeIds ?? []).Distinct().ToList();
        if (types.Any(t => ctx.Types.All(k => k.Id != t))) v.Add("sessionTypeIds", "One of the session types does not exist in this event.");
        var emails = v.TextList("memberEmails", input.MemberEmails, 320, "member emails", maxItems: 1000).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (emails.Count > 500) v.Add("memberEmails", "A team has at most 500 members.");
        return v.HasErrors ? null : new TeamValues(name!, tracks, types, emails);
    }

    public static ReviewValues? Validate(ReviewInput input, IReadOnlyList<CriterionRow> applicable, Validator v)
    {
        var abstain = input.Abstain ?? false;
        var scores = ScoringRules.Validate(input.Scores, abstain, applicable, v);
        var comment = v.Optional("comment", input.Comment, ScoringRules.MaxComment, "Comment for the committee");
        var note = v.Optional("noteToSpeaker", input.NoteToSpeaker, ScoringRules.MaxComment, "Note to the speaker");
        return v.HasErrors ? null : new ReviewValues(scores!, comment, note, abstain);
    }

    private static string Choice(Validator v, string field, string? value, string fallback, string[] allowed)
    {
        var chosen = string.IsNullOrWhiteSpace(value) ? fallback : value.Trim().ToLowerInvariant();
        if (!allowed.Contains(chosen)) v.Add(field, $"Choose one of: {string.Join(", ", allowed)}.");
        return chosen;
    }
}
