using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Pages.Events.Manage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>Organisers build a survey (questions while it is a draft), open it, send the links, close it.</summary>
[Authorize(Policy = Policies.EventOrganiser)]
public sealed class EditModel(EventStore events, SurveyStore store, SurveyInvitations invitations) : ManagePageModel(events)
{
    public SurveyRow Survey { get; private set; } = null!;
    public IReadOnlyList<SurveyQuestionRow> Questions { get; private set; } = [];
    public long Id => long.TryParse(RouteData.Values["id"] as string, out var id) ? id : 0;

    [BindProperty] public SurveyForm Input { get; set; } = new();
    [BindProperty] public QuestionForm Question { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new SurveyForm { Title = Survey.Title, Intro = Survey.Intro, Audience = Survey.Audience, Linked = Survey.Linked };
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var v = new Validator();
        // A checkbox the binder could not read is its message already: refused with the rest, not saved as false.
        if (SurveyRules.ValidateSurvey(Input.AsInput(), v) is not { } values || !ModelState.IsValid) { ModelState.AddErrors(v); return Page(); }
        return await Done(await store.UpdateAsync(Event.Id, Id, values), "Saved.");
    }

    public async Task<IActionResult> OnPostQuestionAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new SurveyForm { Title = Survey.Title, Intro = Survey.Intro, Audience = Survey.Audience, Linked = Survey.Linked };
        var v = new Validator();
        if (SurveyRules.ValidateQuestion(Question.AsInput(), v) is not { } values || !ModelState.IsValid) { ModelState.AddErrors(v, "Question"); return Page(); }
        return await Done(await store.AddQuestionAsync(Event.Id, Id, values), "Question added.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long questionId) =>
        await LoadAsync() ? await Done(await store.DeleteQuestionAsync(Event.Id, Id, questionId), "Question removed.") : NotFound();

    public async Task<IActionResult> OnPostOpenAsync() =>
        await LoadAsync() ? await Done(await store.SetStateAsync(Event.Id, Id, SurveyStates.Open), "The survey is open. Send the links next.") : NotFound();

    public async Task<IActionResult> OnPostCloseAsync() =>
        await LoadAsync() ? await Done(await store.SetStateAsync(Event.Id, Id, SurveyStates.Closed), "The survey is closed: links no longer take answers.") : NotFound();

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var (sent, refused) = await invitations.InviteAsync(Event, Id);
        if (sent is null && refused is null) return NotFound();
        return await Done(refused, sent is null ? "" : $"{sent.Invited} invitation{(sent.Invited == 1 ? "" : "s")} sent ({sent.Total} invited in all).");
    }

    private async Task<IActionResult> Done(Refusal? refused, string flash)
    {
        if (refused is { IsNotFound: true }) return NotFound();
        TempData["Flash"] = refused?.Detail ?? flash;
        return await Task.FromResult<IActionResult>(Redirect($"/events/{Slug}/surveys/{Id}"));
    }

    private async Task<bool> LoadAsync()
    {
        if (!await LoadEventAsync() || await store.FindAsync(Event.Id, Id) is not { } found) return false;
        (Survey, Questions) = found;
        return true;
    }
}

/// <summary>A question as posted: options one per line.</summary>
public sealed class QuestionForm
{
    public string? Kind { get; set; }
    public string? Prompt { get; set; }
    public bool Required { get; set; }
    public string? Options { get; set; }

    public SurveyQuestionInput AsInput() => new(Kind, Prompt, Required,
        (Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).Select(o => (string?)o).ToList());
}
