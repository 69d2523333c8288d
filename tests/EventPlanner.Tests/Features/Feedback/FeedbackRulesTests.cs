using EventPlanner.Web.Features.Feedback;

namespace EventPlanner.Tests.Features.Feedback;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class FeedbackRulesTests
{
    private static readonly TimeZoneInfo KualaLumpur = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kuala_Lumpur");
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2027-03-05T02:00:00Z");
    private static readonly DateTimeOffset Closes = FeedbackRules.ClosesAt(new DateOnly(2027, 3, 6), KualaLumpur);

    [Fact]
    public void Feedback_closes_at_local_midnight_seven_days_after_the_last_day() =>
        Assert.Equal(DateTimeOffset.Parse("2027-03-13T16:00:00Z"), Closes); // 14 March 00:00 in Kuala Lumpur (UTC+8)

    [Fact]
    public void A_rating_is_refused_before_the_start_after_the_close_and_a_week_after_it_was_given()
    {
        Assert.Equal("Not started yet", FeedbackRules.WhyNot(Start.AddSeconds(-1), Start, Closes, null)?.Title);
        Assert.Null(FeedbackRules.WhyNot(Start, Start, Closes, null));
        Assert.Null(FeedbackRules.WhyNot(Start.AddDays(7).AddSeconds(-1), Start, Closes, Start));
        Assert.Equal("Too late to change", FeedbackRules.WhyNot(Start.AddDays(7), Start, Closes, Start)?.Title);
        Assert.Equal("Feedback has closed", FeedbackRules.WhyNot(Closes, Start, Closes, null)?.Title);
    }

    [Fact]
    public void Distribution_mean_and_ranking_per_track()
    {
        var d = FeedbackRules.Distribution([5, 5, 4, 1, 9, 0]);
        Assert.Equal([1, 0, 0, 1, 2], d); // out-of-range values are not counted
        Assert.Equal(3.75, FeedbackRules.Mean(d));
        Assert.Null(FeedbackRules.Mean([0, 0, 0, 0, 0]));

        FeedbackSessionSummary S(long id, string title, string? track, double? mean, int count) => new(id, title, track, [], count, mean, [0, 0, 0, 0, count], []);
        var ranking = FeedbackRules.Rank([S(1, "B", "Kernel", 4.0, 3), S(2, "A", "Kernel", 4.0, 5), S(3, "C", "Kernel", 4.5, 1), S(4, "D", null, 3, 2), S(5, "E", "Web", null, 0)]);
        Assert.Equal(["Kernel", "No track"], ranking.Select(r => r.Track)); // unrated sessions rank nowhere
        Assert.Equal(["C", "A", "B"], ranking[0].Sessions.Select(s => s.Title));
        Assert.Equal([1, 2, 3], ranking[0].Sessions.Select(s => s.Place));
    }
}
