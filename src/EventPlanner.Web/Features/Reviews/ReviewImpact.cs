using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// Reviews' part of what a destructive action touches (the confirmation step): read on the caller's connection, inside
/// its transaction when the confirming post recounts before it writes.
/// </summary>
public static class ReviewImpact
{
    /// <summary>Review teams whose only track limit is this track: removing the track would lift their limit.</summary>
    public static async Task<IReadOnlyList<string>> TeamsLimitedToTrackAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId) =>
        (await c.QueryAsync<string>("""
            SELECT t.name FROM review_teams t JOIN review_team_tracks rt ON rt.team_id = t.id
            WHERE rt.track_id = @trackId AND t.event_id = @eventId AND (SELECT COUNT(*) FROM review_team_tracks x WHERE x.team_id = t.id) = 1
            ORDER BY t.name
            """, new { eventId, trackId }, tx)).AsList();

    /// <summary>A reviewer's assignments not yet reviewed, and the review teams they are in.</summary>
    public static async Task<(int OpenAssignments, int Teams)> ReviewerAsync(IDbConnection c, IDbTransaction? tx, long eventId, long userId)
    {
        var (assigned, teams) = await c.QuerySingleAsync<(long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
                WHERE p.event_id = @eventId AND a.user_id = @userId
                  AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = a.proposal_id AND r.user_id = a.user_id)),
              (SELECT COUNT(*) FROM review_team_members m JOIN review_teams t ON t.id = m.team_id WHERE t.event_id = @eventId AND m.user_id = @userId)
            """, new { eventId, userId }, tx);
        return ((int)assigned, (int)teams);
    }
}
