using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>Organisers read a survey's results: response rate, a chart and a table per question, free-text answers.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class ResultsModel(EventStore events, SurveyResults results) : ManagePageModel(events)
{
    public SurveyResultsResponse Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadEventAsync() || await results.ReadAsync(Event.Id, id) is not { } r) return NotFound();
        Results = SurveyResults.Summarise(r.Survey, r.Questions, r.Answers);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(long id)
    {
        if (!await LoadEventAsync() || await results.ReadAsync(Event.Id, id) is not { } r) return NotFound();
        return File(SurveyResults.Csv(r.Survey, r.Questions, r.Answers), "text/csv; charset=utf-8", $"{Slug}-survey-{id}.csv");
    }
}
