using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The reviews a person wrote (with scores), their assignments and declared conflicts. All of it goes with the
/// account by ON DELETE CASCADE, as account deletion always did; nothing else here names them.
/// </summary>
public sealed class ReviewPersonalData : IPersonalDataContributor
{
    public string Section => "reviews";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["reviews_written"] = await RowsAsync(c, $"""
            SELECT r.id, e.slug AS event, p.title AS proposal, r.abstained, r.comment, r.note_to_speaker, r.proposal_version, r.created_at, r.updated_at,
                   (SELECT {SqlDialect.Of(c).JsonArrayAgg($"{SqlDialect.Of(c).JsonObject}('criterion', k.name, 'score', s.score)")} FROM review_scores s JOIN review_criteria k ON k.id = s.criterion_id
                    WHERE s.review_id = r.id) AS scores
            FROM reviews r JOIN proposals p ON p.id = r.proposal_id JOIN events e ON e.id = p.event_id
            WHERE r.user_id = @UserId ORDER BY r.id
            """, who),
        ["assignments"] = await RowsAsync(c, """
            SELECT e.slug AS event, p.title AS proposal, a.is_automatic, a.assigned_at FROM review_assignments a
            JOIN proposals p ON p.id = a.proposal_id JOIN events e ON e.id = p.event_id WHERE a.user_id = @UserId
            """, who),
        ["conflicts_declared"] = await RowsAsync(c, """
            SELECT e.slug AS event, x.proposal_id, x.reason, x.declared_at FROM review_conflicts x JOIN events e ON e.id = x.event_id
            WHERE x.user_id = @UserId
            """, who),
    };

    public Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who) => Task.CompletedTask;
}
