using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>A proposal's standing from its reviews. Totals are on a 0–100 scale; null when nobody scored it.</summary>
public sealed record ScoreSummary(int Reviews, int Abstentions, double? Total, double? Mean, double? Median, double? Spread)
{
    public static readonly ScoreSummary None = new(0, 0, null, null, null, null);
}

/// <summary>
/// How scores add up. Each criterion is first scaled to 0–1 (a 2 on 0–3 and a 3 on 1–5 are both two thirds), so
/// criteria on different scales weigh exactly as their weights say; a review's total is the weighted mean of its
/// scaled scores, times 100. A proposal's total is the mean or the median of its reviews' totals (the event's
/// choice); the spread is their standard deviation, which is what makes a proposal controversial.
/// </summary>
public static class ScoringRules
{
    public const string Mean = "mean";
    public const string Median = "median";
    public static readonly string[] Methods = [Mean, Median];

    public const int MaxComment = 10_000;

    /// <summary>A criterion limited to tracks applies to proposals whose first-choice track is one of them.</summary>
    public static bool Applies(CriterionRow c, long? trackId) =>
        c.TrackIdList.Count == 0 || (trackId is { } t && c.TrackIdList.Contains(t));

    public static double Scale(CriterionRow c, int score) => (double)(score - c.MinScore) / (c.MaxScore - c.MinScore);

    /// <summary>The review's total, 0–100, over the criteria it scored that still exist; null when none.</summary>
    public static double? ReviewTotal(IEnumerable<CriterionScore> scores, IReadOnlyDictionary<long, CriterionRow> criteria)
    {
        double weighted = 0, weights = 0;
        foreach (var s in scores)
        {
            if (!criteria.TryGetValue(s.CriterionId, out var c)) continue;
            weighted += c.Weight * Math.Clamp(Scale(c, s.Score), 0, 1);
            weights += c.Weight;
        }
        return weights == 0 ? null : 100 * weighted / weights;
    }

    public static double? MeanOf(IReadOnlyList<double> values) => values.Count == 0 ? null : values.Average();

    public static double? MedianOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Population standard deviation: 0 when the reviewers agree, large when they split.</summary>
    public static double? SpreadOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    public static ScoreSummary Summarise(IReadOnlyList<double> totals, int abstentions, string method)
    {
        var mean = MeanOf(totals);
        var median = MedianOf(totals);
        return new ScoreSummary(totals.Count + abstentions, abstentions, method == Median ? median : mean, mean, median, SpreadOf(totals));
    }

    /// <summary>Each criterion's average raw score (on its own scale) over the reviews that scored it.</summary>
    public static IReadOnlyDictionary<long, double> CriterionAverages(IEnumerable<IEnumerable<CriterionScore>> reviews) =>
        reviews.SelectMany(r => r).GroupBy(s => s.CriterionId).ToDictionary(g => g.Key, g => g.Average(s => (double)s.Score));

    /// <summary>
    /// Checks a review: an abstention carries no scores; otherwise every criterion that applies gets a score on its
    /// scale and nothing else is scored. Returns the scores to keep, or null with field messages.
    /// </summary>
    public static IReadOnlyList<CriterionScore>? Validate(IReadOnlyDictionary<long, int?>? scores, bool abstain,
        IReadOnlyList<CriterionRow> applicable, Validator v)
    {
        scores ??= new Dictionary<long, int?>();
        if (abstain) return [];
        if (applicable.Count == 0) v.Add("scores", "This event has no review criteria yet; the organisers must add some before anyone can score.");
        var kept = new List<CriterionScore>();
        foreach (var c in applicable)
        {
            var field = $"scores[{c.Id}]";
            if (!scores.TryGetValue(c.Id, out var score) || score is null) v.Add(field, $"Give a score for {c.Name} ({c.MinScore}–{c.MaxScore}), or abstain.");
            else if (score < c.MinScore || score > c.MaxScore) v.Add(field, $"{c.Name} is scored from {c.MinScore} to {c.MaxScore}.");
            else kept.Add(new CriterionScore(c.Id, score.Value));
        }
        foreach (var id in scores.Keys.Where(id => applicable.All(c => c.Id != id)))
        {
            v.Add($"scores[{id}]", "That criterion does not apply to this proposal.");
        }
        return v.HasErrors ? null : kept;
    }

    public static string Format(double? value) => value is { } d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
