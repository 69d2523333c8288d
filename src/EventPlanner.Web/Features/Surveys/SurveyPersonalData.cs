using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Surveys;

/// <summary>
/// The surveys a person was invited to and, where a survey said up front that answers carry names, their answers.
/// Anonymous answers are not theirs to take or erase: nothing links them to the person (that is the point). Erasure
/// deletes the invitations; a linked response stays in the results, no longer linked.
/// </summary>
public sealed class SurveyPersonalData : IPersonalDataContributor
{
    public string Section => "surveys";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["invitations"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title AS survey, i.answered, i.created_at
            FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id JOIN events e ON e.id = s.event_id
            WHERE i.user_id = @UserId ORDER BY i.created_at, i.id
            """, who),
        ["linked_answers"] = await RowsAsync(c, """
            SELECT s.title AS survey, q.prompt AS question, a.choice, a.scale, a.text
            FROM survey_invitations i JOIN survey_responses r ON r.invitation_id = i.id JOIN survey_answers a ON a.response_id = r.id
            JOIN survey_questions q ON q.id = a.question_id JOIN surveys s ON s.id = i.survey_id
            WHERE i.user_id = @UserId ORDER BY s.id, q.position
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await c.ExecuteAsync("""
            UPDATE survey_responses SET invitation_id = NULL
            WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE user_id = @UserId)
            """, who, tx);
        await c.ExecuteAsync("DELETE FROM survey_invitations WHERE user_id = @UserId", who, tx);
    }
}
