using System.Data;
using Dapper;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Feedback;

/// <summary>
/// The ratings and comments a person gave. They export with the session they rate; erasure deletes them (a rating
/// without its rater could no longer be changed, and speakers never saw who gave it).
/// </summary>
public sealed class FeedbackPersonalData : IPersonalDataContributor
{
    public string Section => "session_feedback";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["ratings"] = await RowsAsync(c, """
            SELECT e.slug AS event, s.title AS session, f.rating, f.comment, f.created_at, f.updated_at
            FROM session_feedback f JOIN schedule_sessions s ON s.id = f.session_id JOIN events e ON e.id = f.event_id
            WHERE f.user_id = @UserId ORDER BY f.created_at, f.id
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) =>
        c.ExecuteAsync("DELETE FROM session_feedback WHERE user_id = @UserId", who, tx);
}
