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

    /// <summary>A criterion's name and how many scores were given against it (they go with it).</summary>
    public static async Task<(string? Name, int Scores)> CriterionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long criterionId)
    {
        var (name, scores) = await c.QuerySingleAsync<(string?, long)>("""
            SELECT (SELECT name FROM review_criteria WHERE id = @criterionId AND event_id = @eventId),
                   (SELECT COUNT(*) FROM review_scores s JOIN review_criteria k ON k.id = s.criterion_id WHERE k.id = @criterionId AND k.event_id = @eventId)
            """, new { eventId, criterionId }, tx);
        return (name, (int)scores);
    }

    /// <summary>A phase's name and how many reviews were written in it (they stay, no longer tied to a phase).</summary>
    public static async Task<(string? Name, int Reviews)> PhaseAsync(IDbConnection c, IDbTransaction? tx, long eventId, long phaseId)
    {
        var (name, reviews) = await c.QuerySingleAsync<(string?, long)>("""
            SELECT (SELECT name FROM review_phases WHERE id = @phaseId AND event_id = @eventId),
                   (SELECT COUNT(*) FROM reviews r JOIN review_phases ph ON ph.id = r.phase_id WHERE ph.id = @phaseId AND ph.event_id = @eventId)
            """, new { eventId, phaseId }, tx);
        return (name, (int)reviews);
    }

    /// <summary>
    /// A team's name, its members, those of them in no other team of the event (they then see every proposal), and the
    /// phases only this team scores in (they open to every reviewer).
    /// </summary>
    public static async Task<(string? Name, int Members, int Widened, int Phases)> TeamAsync(IDbConnection c, IDbTransaction? tx, long eventId, long teamId)
    {
        var (name, members, widened, phases) = await c.QuerySingleAsync<(string?, long, long, long)>("""
            SELECT (SELECT name FROM review_teams WHERE id = @teamId AND event_id = @eventId),
                   (SELECT COUNT(*) FROM review_team_members m JOIN review_teams t ON t.id = m.team_id WHERE t.id = @teamId AND t.event_id = @eventId),
                   (SELECT COUNT(*) FROM review_team_members m JOIN review_teams t ON t.id = m.team_id WHERE t.id = @teamId AND t.event_id = @eventId
                      AND NOT EXISTS (SELECT 1 FROM review_team_members x JOIN review_teams o ON o.id = x.team_id
                                      WHERE x.user_id = m.user_id AND o.event_id = @eventId AND o.id <> @teamId)),
                   (SELECT COUNT(*) FROM review_phases WHERE team_id = @teamId AND event_id = @eventId)
            """, new { eventId, teamId }, tx);
        return (name, (int)members, (int)widened, (int)phases);
    }
}
