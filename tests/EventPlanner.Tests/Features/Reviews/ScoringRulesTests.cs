using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class ScoringRulesTests
{
    private static readonly CriterionRow Relevance = new() { Id = 1, Name = "Relevance", MinScore = 0, MaxScore = 3, Weight = 2 };
    private static readonly CriterionRow Clarity = new() { Id = 2, Name = "Clarity", MinScore = 1, MaxScore = 5, Weight = 1 };
    private static readonly CriterionRow KernelOnly = new() { Id = 3, Name = "Depth", MinScore = 0, MaxScore = 3, Weight = 1, TrackIds = "[7]" };
    private static readonly Dictionary<long, CriterionRow> Criteria = new() { [1] = Relevance, [2] = Clarity, [3] = KernelOnly };

    [Fact]
    public void A_review_total_is_the_weighted_mean_of_scores_scaled_to_their_own_range()
    {
        // Relevance 2 of 0–3 is 2/3, Clarity 5 of 1–5 is 1: (2 * 2/3 + 1 * 1) / 3 = 7/9.
        var total = ScoringRules.ReviewTotal([new(1, 2), new(2, 5)], Criteria);

        Assert.Equal(100.0 * 7 / 9, total!.Value, 6);
        Assert.Equal(0, ScoringRules.ReviewTotal([new(1, 0), new(2, 1)], Criteria));
        Assert.Equal(100, ScoringRules.ReviewTotal([new(1, 3), new(2, 5)], Criteria));
    }

    [Fact]
    public void Weights_decide_how_much_a_criterion_counts()
    {
        var heavyHigh = ScoringRules.ReviewTotal([new(1, 3), new(2, 1)], Criteria); // the weight-2 criterion at the top
        var lightHigh = ScoringRules.ReviewTotal([new(1, 0), new(2, 5)], Criteria); // the weight-1 criterion at the top

        Assert.Equal(100.0 * 2 / 3, heavyHigh!.Value, 6);
        Assert.Equal(100.0 / 3, lightHigh!.Value, 6);
    }

    [Fact]
    public void Scores_of_removed_criteria_are_ignored_and_out_of_range_ones_count_at_the_nearest_end()
    {
        Assert.Null(ScoringRules.ReviewTotal([new(99, 3)], Criteria));
        Assert.Equal(100, ScoringRules.ReviewTotal([new(1, 7)], Criteria));
    }

    [Fact]
    public void Mean_median_and_spread_of_review_totals()
    {
        IReadOnlyList<double> totals = [20, 40, 90];

        Assert.Equal(50, ScoringRules.MeanOf(totals));
        Assert.Equal(40, ScoringRules.MedianOf(totals));
        Assert.Equal(30, ScoringRules.MedianOf([20, 40]));
        Assert.Equal(Math.Sqrt((900 + 100 + 1600) / 3.0), ScoringRules.SpreadOf(totals)!.Value, 9);
        Assert.Equal(0, ScoringRules.SpreadOf([60, 60, 60]));
        Assert.Null(ScoringRules.MedianOf([]));
    }

    [Fact]
    public void The_event_chooses_whether_the_total_is_the_mean_or_the_median()
    {
        IReadOnlyList<double> totals = [10, 20, 90];

        var byMean = ScoringRules.Summarise(totals, abstentions: 1, ScoringRules.Mean);
        var byMedian = ScoringRules.Summarise(totals, abstentions: 1, ScoringRules.Median);

        Assert.Equal(40, byMean.Total);
        Assert.Equal(20, byMedian.Total);
        Assert.Equal(4, byMean.Reviews);
        Assert.Equal(1, byMean.Abstentions);
        Assert.True(byMean.Spread > 35, "a split committee shows a large spread");
    }

    [Fact]
    public void Per_criterion_averages_use_each_criterions_own_scale()
    {
        var averages = ScoringRules.CriterionAverages([[new(1, 3), new(2, 4)], [new(1, 2), new(2, 2)], [new(1, 1)]]);

        Assert.Equal(2, averages[1]);
        Assert.Equal(3, averages[2]);
    }

    [Fact]
    public void A_track_limited_criterion_applies_only_to_that_tracks_proposals()
    {
        Assert.True(ScoringRules.Applies(KernelOnly, 7));
        Assert.False(ScoringRules.Applies(KernelOnly, 8));
        Assert.False(ScoringRules.Applies(KernelOnly, null));
        Assert.True(ScoringRules.Applies(Relevance, null));
    }

    [Fact]
    public void A_review_scores_every_applicable_criterion_within_its_scale_or_abstains()
    {
        var v = new Validator();
        Assert.Null(ScoringRules.Validate(new Dictionary<long, int?> { [1] = 4 }, false, [Relevance, Clarity], v));
        Assert.Contains("scores[1]", v.Errors.Keys);
        Assert.Contains("scores[2]", v.Errors.Keys);

        var stray = new Validator();
        Assert.Null(ScoringRules.Validate(new Dictionary<long, int?> { [1] = 1, [2] = 2, [3] = 1 }, false, [Relevance, Clarity], stray));
        Assert.Contains("scores[3]", stray.Errors.Keys);

        var abstain = new Validator();
        Assert.Empty(ScoringRules.Validate(null, true, [Relevance, Clarity], abstain)!);
        Assert.False(abstain.HasErrors);
    }

    [Fact]
    public void The_ranking_unpacks_the_reviews_sqlite_packed_for_it()
    {
        var reviews = RankingQuery.Unpack("0:3=2,4=5;1:;0:3=-1");

        Assert.Equal(3, reviews.Count);
        Assert.Equal([new CriterionScore(3, 2), new CriterionScore(4, 5)], reviews[0].Scores);
        Assert.True(reviews[1].Abstained);
        Assert.Empty(reviews[1].Scores);
        Assert.Equal(-1, reviews[2].Scores.Single().Score);
        Assert.Empty(RankingQuery.Unpack(null));
    }
}
