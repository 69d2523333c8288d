using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Pages.Surveys;

namespace EventPlanner.Web.Pages.Feedback;

public static class FeedbackPages
{
    /// <summary>5 stars first, the way people read a rating distribution.</summary>
    public static IReadOnlyList<BarChart.Bar> Bars(FeedbackSessionSummary s) =>
        Enumerable.Range(1, 5).Reverse().Select(n => new BarChart.Bar($"{n} of 5", s.Distribution[n - 1])).ToList();
}
