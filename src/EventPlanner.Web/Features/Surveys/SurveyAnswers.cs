using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>
/// Answering through a personal link. The invitation is marked answered by a guarded UPDATE inside the same
/// transaction that stores the response, so the same link submitted twice at once records one response. The response
/// keeps the invitation only when the survey said up front that answers are linked.
/// </summary>
public sealed class SurveyAnswers(Db db)
{
    private sealed record Form
    {
        public long InvitationId { get; init; }
        public long SurveyId { get; init; }
        public bool Answered { get; init; }
        public string EventName { get; init; } = "";
        public string Title { get; init; } = "";
        public string Intro { get; init; } = "";
        public string State { get; init; } = "";
        public bool Linked { get; init; }
    }

    private static Task<Form?> FormAsync(System.Data.IDbConnection c, System.Data.IDbTransaction? tx, string token) =>
        c.QuerySingleOrDefaultAsync<Form?>("""
            SELECT i.id AS invitation_id, s.id AS survey_id, i.answered, e.name AS event_name, s.title, s.intro, s.state, s.linked
            FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id JOIN events e ON e.id = s.event_id WHERE i.token = @token
            """, new { token }, tx);

    public async Task<SurveyFormResponse?> FindAsync(string token, CancellationToken ct = default)
    {
        if (token.Length > 100) return null;
        await using var c = await db.OpenAsync(ct);
        if (await FormAsync(c, null, token) is not { } f) return null;
        var questions = await SurveyStore.QuestionsAsync(c, null, f.SurveyId);
        return new SurveyFormResponse(f.EventName, f.Title, f.Intro, f.Linked, f.State == SurveyStates.Open, f.Answered, questions.Select(q => q.AsResponse()).ToList());
    }

    /// <summary>Null: no such link. Otherwise the form after answering, or a refusal (closed, already answered) or field messages in <paramref name="v"/>.</summary>
    public async Task<(SurveyFormResponse? Form, Refusal? Refused)> SubmitAsync(string token, SurveyResponseInput input, Validator v,
        CancellationToken ct = default)
    {
        if (token.Length > 100) return (null, null);
        var refused = await db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await FormAsync(c, tx, token) is not { } f) return SurveyStore.NotFound;
            if (f.State != SurveyStates.Open) return Refusal.Conflict("Survey closed", "This survey is not taking answers.");
            if (f.Answered) return Refusal.Conflict("Already answered", "This link has already been used to answer; each link answers once.");
            var questions = await SurveyStore.QuestionsAsync(c, tx, f.SurveyId);
            if (SurveyRules.ValidateAnswers(input, questions, v) is not { } answers) return null;
            // The guard that makes a second submission of the same link (even at the same moment) record nothing.
            if (await c.ExecuteAsync("UPDATE survey_invitations SET answered = TRUE WHERE id = @InvitationId AND answered = FALSE", new { f.InvitationId }, tx) == 0)
                return Refusal.Conflict("Already answered", "This link has already been used to answer; each link answers once.");
            var responseId = await c.ExecuteScalarAsync<long>("INSERT INTO survey_responses (survey_id, invitation_id) VALUES (@SurveyId, @invitation) RETURNING id",
                new { f.SurveyId, invitation = f.Linked ? f.InvitationId : (long?)null }, tx);
            foreach (var a in answers)
            {
                if (a.Choices.Count > 0)
                {
                    foreach (var choice in a.Choices)
                        await c.ExecuteAsync("INSERT INTO survey_answers (response_id, question_id, choice) VALUES (@responseId, @QuestionId, @choice)",
                            new { responseId, a.QuestionId, choice }, tx);
                }
                else
                {
                    await c.ExecuteAsync("INSERT INTO survey_answers (response_id, question_id, scale, text) VALUES (@responseId, @QuestionId, @Scale, @Text)",
                        new { responseId, a.QuestionId, a.Scale, a.Text }, tx);
                }
            }
            return null;
        }, ct);
        if (refused is { IsNotFound: true }) return (null, null);
        if (refused is not null || v.HasErrors) return (await FindAsync(token, ct), refused);
        return (await FindAsync(token, ct), null);
    }
}

public static class SurveyMapping
{
    public static SurveyQuestionResponse AsResponse(this SurveyQuestionRow q) => new(q.Id, q.Position, q.Kind, q.Prompt, q.Required, q.OptionList);

    public static SurveyResponse AsResponse(this SurveyRow s, IReadOnlyList<SurveyQuestionRow> questions) =>
        new(s.Id, s.Title, s.Intro, s.State, s.Audience, s.Linked, s.Invited, s.Responded, questions.Select(q => q.AsResponse()).ToList());
}
