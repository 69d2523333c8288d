using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Surveys;

public sealed record SurveyValues(string Title, string Intro, string Audience, bool Linked);

public sealed record SurveyQuestionValues(string Kind, string Prompt, bool Required, IReadOnlyList<string> Options);

/// <summary>One checked answer: option indexes, a scale value or a text (only the one its question's kind takes).</summary>
public sealed record SurveyAnswerValues(long QuestionId, IReadOnlyList<int> Choices, int? Scale, string? Text);

/// <summary>Plain checks of what organisers build and invitees answer, with no ASP.NET types, so they unit-test without a host.</summary>
public static class SurveyRules
{
    public const int MaxTitle = 200, MaxIntro = 4000, MaxPrompt = 500, MaxOption = 200, MaxOptions = 20, MaxQuestions = 50, MaxText = 4000;

    public static SurveyValues? ValidateSurvey(SurveyInput input, Validator v)
    {
        var title = v.Required("title", input.Title, MaxTitle, "Title");
        var intro = v.Optional("intro", input.Intro, MaxIntro, "Introduction");
        var audience = string.IsNullOrWhiteSpace(input.Audience) ? SurveyAudiences.All : input.Audience.Trim();
        if (audience is not (SurveyAudiences.All or SurveyAudiences.CheckedIn))
            v.Add("audience", $"Audience must be \"{SurveyAudiences.All}\" (every ticket holder) or \"{SurveyAudiences.CheckedIn}\" (only those checked in).");
        return v.HasErrors ? null : new SurveyValues(title!, intro, audience, input.Linked ?? false);
    }

    public static SurveyQuestionValues? ValidateQuestion(SurveyQuestionInput input, Validator v)
    {
        var kind = input.Kind?.Trim() ?? "";
        if (!SurveyKinds.AllKinds.Contains(kind)) v.Add("kind", "Kind must be one of: single, multiple, scale, text.");
        var prompt = v.Required("prompt", input.Prompt, MaxPrompt, "Question");
        var options = v.TextList("options", input.Options, MaxOption, "options", MaxOptions);
        if (kind is SurveyKinds.Single or SurveyKinds.Multiple)
        {
            if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count) v.Add("options", "Each option may appear only once.");
            else if (options.Count < 2) v.Add("options", "A choice question needs at least two options.");
        }
        else if (options.Count > 0 && !v.HasErrors) v.Add("options", "Only single and multiple choice questions have options.");
        return v.HasErrors ? null : new SurveyQuestionValues(kind, prompt!, input.Required ?? false, options);
    }

    /// <summary>
    /// Every answer checked against its question: a question answered twice, one the survey does not have, a choice
    /// out of range, a required question left out, each is a field message (<c>answers[2]</c>); nothing is stored then.
    /// </summary>
    public static IReadOnlyList<SurveyAnswerValues>? ValidateAnswers(SurveyResponseInput input, IReadOnlyList<SurveyQuestionRow> questions, Validator v)
    {
        var items = v.Items("answers", input.Answers, "answers", MaxQuestions);
        if (items is null) return null;
        var byId = questions.ToDictionary(q => q.Id);
        var result = new List<SurveyAnswerValues>();
        for (var i = 0; i < items.Count; i++)
        {
            var a = items[i];
            var field = $"answers[{i}]";
            if (a.QuestionId is not { } qid || !byId.TryGetValue(qid, out var q)) { v.Add(field, "This survey has no such question."); continue; }
            if (result.Any(r => r.QuestionId == qid)) { v.Add(field, $"\"{q.Prompt}\" is answered twice."); continue; }
            var choices = a.Choices ?? [];
            var options = q.OptionList;
            switch (q.Kind)
            {
                case SurveyKinds.Single or SurveyKinds.Multiple:
                    if (a.Scale is not null || a.Text is not null) { v.Add(field, $"\"{q.Prompt}\" takes choices only."); continue; }
                    if (choices.Count > options.Count || choices.Any(c => c < 0 || c >= options.Count) || choices.Distinct().Count() != choices.Count)
                    { v.Add(field, $"Choose among the {options.Count} options of \"{q.Prompt}\", each at most once."); continue; }
                    if (q.Kind == SurveyKinds.Single && choices.Count > 1) { v.Add(field, $"Choose one option for \"{q.Prompt}\"."); continue; }
                    if (choices.Count > 0) result.Add(new SurveyAnswerValues(qid, choices.Order().ToList(), null, null));
                    break;
                case SurveyKinds.Scale:
                    if (choices.Count > 0 || a.Text is not null) { v.Add(field, $"\"{q.Prompt}\" takes a value from 1 to 5 only."); continue; }
                    if (a.Scale is { } s and (< 1 or > 5)) { v.Add(field, $"\"{q.Prompt}\" takes a value from 1 to 5."); continue; }
                    if (a.Scale is { } scale) result.Add(new SurveyAnswerValues(qid, [], scale, null));
                    break;
                default:
                    if (choices.Count > 0 || a.Scale is not null) { v.Add(field, $"\"{q.Prompt}\" takes text only."); continue; }
                    var text = v.Optional(field, a.Text, MaxText, $"The answer to \"{q.Prompt}\"");
                    if (text.Length > 0) result.Add(new SurveyAnswerValues(qid, [], null, text));
                    break;
            }
        }
        foreach (var q in questions.Where(q => q.Required && result.All(r => r.QuestionId != q.Id)))
        {
            v.Add($"q{q.Id}", $"\"{q.Prompt}\" needs an answer.");
        }
        return v.HasErrors ? null : result;
    }

    /// <summary>Counts per option (choices) or per value 1–5 (scale), every option listed even when nobody chose it.</summary>
    public static IReadOnlyList<SurveyCount> Counts(SurveyQuestionRow q, IEnumerable<SurveyAnswerRow> answers)
    {
        var list = answers.Where(a => a.QuestionId == q.Id).ToList();
        return q.Kind switch
        {
            SurveyKinds.Single or SurveyKinds.Multiple => q.OptionList.Select((o, i) => new SurveyCount(o, list.Count(a => a.Choice == i))).ToList(),
            SurveyKinds.Scale => Enumerable.Range(1, 5).Select(n => new SurveyCount(n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                list.Count(a => a.Scale == n))).ToList(),
            _ => [],
        };
    }

    public static double ResponseRate(int invited, int responded) => invited == 0 ? 0 : Math.Round(100.0 * responded / invited, 1);
}
