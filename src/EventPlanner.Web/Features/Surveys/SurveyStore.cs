using System.Data;
using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>
/// Surveys and their questions. Questions change only while the survey is a draft, so every response answers the same
/// questions; whether answers are linked to a person is fixed before anyone is asked.
/// </summary>
public sealed class SurveyStore(Db db, TimeProvider clock)
{
    internal const string Select = """
        SELECT s.id, s.event_id, s.title, s.intro, s.state, s.audience, s.linked,
               (SELECT COUNT(*) FROM survey_invitations i WHERE i.survey_id = s.id) AS invited,
               (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responded
        FROM surveys s
        """;

    internal static Task<SurveyRow?> FindAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<SurveyRow?>($"{Select} WHERE s.id = @id AND s.event_id = @eventId", new { id, eventId }, tx);

    internal static async Task<IReadOnlyList<SurveyQuestionRow>> QuestionsAsync(IDbConnection c, IDbTransaction? tx, long surveyId) =>
        (await c.QueryAsync<SurveyQuestionRow>("""
            SELECT id, survey_id, position, kind, prompt, required, options FROM survey_questions WHERE survey_id = @surveyId ORDER BY position, id
            """, new { surveyId }, tx)).AsList();

    public async Task<(SurveyRow Survey, IReadOnlyList<SurveyQuestionRow> Questions)?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        if (await FindAsync(c, null, eventId, id) is not { } s) return null;
        return (s, await QuestionsAsync(c, null, id));
    }

    public async Task<IReadOnlyList<SurveyRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<SurveyRow>($"{Select} WHERE s.event_id = @eventId ORDER BY s.id DESC", new { eventId })).AsList();
    }

    public Task<long> CreateAsync(long eventId, SurveyValues values, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            return await c.ExecuteScalarAsync<long>("""
                INSERT INTO surveys (event_id, title, intro, audience, linked, created_at, updated_at)
                VALUES (@eventId, @Title, @Intro, @Audience, @Linked, @now, @now) RETURNING id
                """, new { eventId, values.Title, values.Intro, values.Audience, values.Linked, now }, tx);
        }, ct);

    /// <summary>Title and introduction may change while open; audience and linking only in a draft.</summary>
    public Task<Refusal?> UpdateAsync(long eventId, long id, SurveyValues values, CancellationToken ct = default) =>
        db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, eventId, id) is not { } s) return NotFound;
            if (s.State != SurveyStates.Draft && (s.Audience != values.Audience || s.Linked != values.Linked))
                return Refusal.Conflict("Already sent", "Who is asked and whether answers are linked to names cannot change once the survey has opened.");
            await c.ExecuteAsync("""
                UPDATE surveys SET title = @Title, intro = @Intro, audience = @Audience, linked = @Linked, updated_at = @now WHERE id = @id
                """, new { values.Title, values.Intro, values.Audience, values.Linked, now = clock.GetUtcNow(), id }, tx);
            return null;
        }, ct);

    public Task<bool> DeleteAsync(long eventId, long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) => await c.ExecuteAsync("DELETE FROM surveys WHERE id = @id AND event_id = @eventId", new { id, eventId }, tx) > 0, ct);

    public Task<Refusal?> AddQuestionAsync(long eventId, long id, SurveyQuestionValues q, CancellationToken ct = default) =>
        db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, eventId, id) is not { } s) return NotFound;
            if (s.State != SurveyStates.Draft) return Refusal.Conflict("Not a draft", "Questions can only be added while the survey is a draft.");
            var count = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM survey_questions WHERE survey_id = @id", new { id }, tx);
            if (count >= SurveyRules.MaxQuestions) return Refusal.Conflict("Too many questions", $"A survey has at most {SurveyRules.MaxQuestions} questions.");
            await c.ExecuteAsync("""
                INSERT INTO survey_questions (survey_id, position, kind, prompt, required, options) VALUES (@id, @position, @Kind, @Prompt, @Required, @options)
                """, new { id, position = count + 1, q.Kind, q.Prompt, q.Required, options = JsonSerializer.Serialize(q.Options) }, tx);
            return null;
        }, ct);

    public Task<Refusal?> DeleteQuestionAsync(long eventId, long id, long questionId, CancellationToken ct = default) =>
        db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, eventId, id) is not { } s) return NotFound;
            if (s.State != SurveyStates.Draft) return Refusal.Conflict("Not a draft", "Questions can only be removed while the survey is a draft.");
            return await c.ExecuteAsync("DELETE FROM survey_questions WHERE id = @questionId AND survey_id = @id", new { questionId, id }, tx) > 0
                ? null : NotFound;
        }, ct);

    /// <summary>Opens (a draft needs a question) or closes; a closed survey may open again.</summary>
    public Task<Refusal?> SetStateAsync(long eventId, long id, string state, CancellationToken ct = default) =>
        db.WriteAsync<Refusal?>(async (c, tx) =>
        {
            if (await FindAsync(c, tx, eventId, id) is not { } s) return NotFound;
            if (state == SurveyStates.Open && (await QuestionsAsync(c, tx, id)).Count == 0)
                return Refusal.Conflict("No questions", "Add at least one question before opening the survey.");
            if (state == SurveyStates.Closed && s.State == SurveyStates.Draft) return Refusal.Conflict("Not open", "Only an open survey can be closed.");
            await c.ExecuteAsync("UPDATE surveys SET state = @state, updated_at = @now WHERE id = @id", new { state, now = clock.GetUtcNow(), id }, tx);
            return null;
        }, ct);

    internal static readonly Refusal NotFound = new(StatusCodes.Status404NotFound, "Not found", "There is no such survey or question.");
}
