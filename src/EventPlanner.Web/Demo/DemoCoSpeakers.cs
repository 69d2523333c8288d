using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Demo;

/// <summary>
/// Adds a confirmed co-speaker to a proposal without an invitation, for demo data only: in the app a co-speaker joins by
/// accepting an invitation (<see cref="Features.Submissions.CoSpeakerStore"/>). Kept out of the production store so no
/// request path can reach it.
/// </summary>
public static class DemoCoSpeakers
{
    public static Task AddAsync(Db db, long proposalId, long userId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO proposal_speakers (proposal_id, user_id, is_owner, joined_at) VALUES (@proposalId, @userId, FALSE, @now) ON CONFLICT DO NOTHING
            """, new { proposalId, userId, now }, tx), ct);
}
