using System.Globalization;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>
/// What organisers see of the answers: counts per option, free-text answers, the response rate and a CSV. A name
/// appears only for a linked survey (its responses keep their invitation); otherwise the query has no way to one.
/// </summary>
public sealed class SurveyResults(Db db)
{
    public async Task<(SurveyRow Survey, IReadOnlyList<SurveyQuestionRow> Questions, IReadOnlyList<SurveyAnswerRow> Answers)?> ReadAsync(long eventId,
        long surveyId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        if (await SurveyStore.FindAsync(c, null, eventId, surveyId) is not { } s) return null;
        var questions = await SurveyStore.QuestionsAsync(c, null, surveyId);
        var answers = (await c.QueryAsync<SurveyAnswerRow>("""
            SELECT a.response_id, a.question_id, a.choice, a.scale, a.text,
                   CASE WHEN sv.linked = TRUE THEN u.display_name END AS respondent
            FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id JOIN surveys sv ON sv.id = r.survey_id
                 LEFT JOIN survey_invitations i ON i.id = r.invitation_id LEFT JOIN users u ON u.id = i.user_id
            WHERE r.survey_id = @surveyId ORDER BY a.response_id, a.question_id, a.choice
            """, new { surveyId })).AsList();
        return (s, questions, answers);
    }

    public static SurveyResultsResponse Summarise(SurveyRow s, IReadOnlyList<SurveyQuestionRow> questions, IReadOnlyList<SurveyAnswerRow> answers) =>
        new(s.Id, s.Title, s.State, s.Linked, s.Invited, s.Responded, SurveyRules.ResponseRate(s.Invited, s.Responded), questions.Select(q =>
        {
            var mine = answers.Where(a => a.QuestionId == q.Id).ToList();
            var scale = mine.Where(a => a.Scale is not null).Select(a => a.Scale!.Value).ToList();
            return new SurveyQuestionResult(q.Id, q.Kind, q.Prompt, q.Required, mine.Select(a => a.ResponseId).Distinct().Count(), SurveyRules.Counts(q, mine),
                scale.Count == 0 ? null : Math.Round(scale.Average(), 2),
                mine.Where(a => a.Text is not null).Select(a => new SurveyTextAnswer(a.Text!, s.Linked ? a.Respondent : null)).ToList());
        }).ToList());

    /// <summary>
    /// One row per response, one column per question (choices by their label, several joined with "; "), UTF-8 with a
    /// byte-order mark so spreadsheets keep non-ASCII text intact; formula-like cells defused by <see cref="CsvText"/>.
    /// </summary>
    public static byte[] Csv(SurveyRow s, IReadOnlyList<SurveyQuestionRow> questions, IReadOnlyList<SurveyAnswerRow> answers)
    {
        var csv = new StringBuilder();
        CsvText.AppendRow(csv, [.. s.Linked ? new[] { "response", "name" } : ["response"], .. questions.Select(q => q.Prompt)]);
        var number = 0;
        foreach (var response in answers.GroupBy(a => a.ResponseId))
        {
            number++;
            var cells = new List<string> { number.ToString(CultureInfo.InvariantCulture) };
            if (s.Linked) cells.Add(response.First().Respondent ?? "");
            foreach (var q in questions)
            {
                var mine = response.Where(a => a.QuestionId == q.Id).ToList();
                var options = q.OptionList;
                cells.Add(q.Kind switch
                {
                    SurveyKinds.Single or SurveyKinds.Multiple => string.Join("; ", mine.Where(a => a.Choice is { } i && i < options.Count).Select(a => options[a.Choice!.Value])),
                    SurveyKinds.Scale => mine.FirstOrDefault()?.Scale?.ToString(CultureInfo.InvariantCulture) ?? "",
                    _ => mine.FirstOrDefault()?.Text ?? "",
                });
            }
            CsvText.AppendRow(csv, cells);
        }
        return CsvText.Utf8WithBom(csv);
    }
}

/// <summary>Surveys at a glance for the organisers' dashboard.</summary>
public sealed record SurveyCounts
{
    public int Open { get; init; }
    public int Invited { get; init; }
    public int Responses { get; init; }

    public static Task<SurveyCounts> ReadAsync(System.Data.IDbConnection c, long eventId) =>
        c.QuerySingleAsync<SurveyCounts>("""
            SELECT
              (SELECT COUNT(*) FROM surveys WHERE event_id = @eventId AND state = 'open') AS Open,
              (SELECT COUNT(*) FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id WHERE s.event_id = @eventId) AS Invited,
              (SELECT COUNT(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.event_id = @eventId) AS Responses
            """, new { eventId });
}
