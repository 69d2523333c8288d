using EventPlanner.Web.Features.Surveys;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Surveys;

/// <summary>The invitee answers through the personal link from their mail: no login, once.</summary>
[AllowAnonymous]
public sealed class AnswerModel(SurveyAnswers answers) : PageModel
{
    public SurveyFormResponse Form { get; private set; } = null!;
    public bool JustAnswered { get; private set; }
    public string? Refused { get; private set; }

    /// <summary>Posted as q{questionId}: the chosen option indexes, the scale value or the text.</summary>
    [BindProperty] public Dictionary<string, string[]> Q { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await answers.FindAsync(token) is not { } form) return NotFound();
        Form = form;
        JustAnswered = TempData["Answered"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (await answers.FindAsync(token) is not { } before) return NotFound();
        var input = new SurveyResponseInput(before.Questions.Select(q => (SurveyAnswerInput?)ToAnswer(q)).Where(a => a is not null).ToList());
        var v = new Validator();
        var (form, refused) = await answers.SubmitAsync(token, input, v);
        if (form is null) return NotFound();
        Form = form;
        if (refused is not null) { Refused = refused.Detail; return Page(); }
        if (v.HasErrors) { ModelState.AddErrors(v, ""); return Page(); }
        TempData["Answered"] = true;
        return Redirect($"/surveys/{token}");
    }

    private SurveyAnswerInput? ToAnswer(SurveyQuestionResponse q)
    {
        var values = Q.GetValueOrDefault($"q{q.Id}", []).Where(x => !string.IsNullOrWhiteSpace(x)).ToArray();
        if (values.Length == 0) return null;
        return q.Kind switch
        {
            SurveyKinds.Text => new SurveyAnswerInput(q.Id, null, null, values[0]),
            // A value that is not a number becomes an impossible choice, so the rules word the message.
            SurveyKinds.Scale => new SurveyAnswerInput(q.Id, null, int.TryParse(values[0], out var n) ? n : 0, null),
            _ => new SurveyAnswerInput(q.Id, values.Select(x => int.TryParse(x, out var i) ? i : -1).ToList(), null, null),
        };
    }

    public bool IsChecked(long questionId, string value) => Q.GetValueOrDefault($"q{questionId}", []).Contains(value);

    public string TextOf(long questionId) => Q.GetValueOrDefault($"q{questionId}", []).FirstOrDefault() ?? "";
}
