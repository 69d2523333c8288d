using EventPlanner.Web.Features.Surveys;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>Words the survey pages share.</summary>
public static class SurveyPages
{
    public static string StateLabel(string state) => state switch
    {
        SurveyStates.Draft => "Draft",
        SurveyStates.Open => "Open for answers",
        SurveyStates.Closed => "Closed",
        _ => state,
    };

    public static string AudienceLabel(string audience) => audience == SurveyAudiences.CheckedIn ? "ticket holders who checked in" : "every ticket holder";

    public static IReadOnlyList<BarChart.Bar> Bars(SurveyQuestionResult q) => q.Counts.Select(c => new BarChart.Bar(c.Label, c.Count)).ToList();
}
