using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>
/// Submissions' part of what a destructive action touches (the confirmation step): read on the caller's connection,
/// inside its transaction when the confirming post recounts before it writes.
/// </summary>
public static class SubmissionImpact
{
    public static async Task<int> ProposalsInTrackAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId) =>
        (int)await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM proposal_tracks pt JOIN proposals p ON p.id = pt.proposal_id WHERE p.event_id = @eventId AND pt.track_id = @trackId
            """, new { eventId, trackId }, tx);

    /// <summary>A speaker's proposal as the speaker may see it: its released state only, never an unreleased decision.</summary>
    public static async Task<(string? Title, string? Released, int CoSpeakers)> OwnProposalAsync(IDbConnection c, IDbTransaction? tx, long eventId, long proposalId, long userId)
    {
        var p = await c.QuerySingleOrDefaultAsync<(string? Title, string? Released, long CoSpeakers)>("""
            SELECT p.title, p.released_state, (SELECT COUNT(*) FROM proposal_speakers o WHERE o.proposal_id = p.id AND o.user_id <> @userId)
            FROM proposals p JOIN proposal_speakers me ON me.proposal_id = p.id AND me.user_id = @userId
            WHERE p.id = @proposalId AND p.event_id = @eventId
            """, new { eventId, proposalId, userId }, tx);
        return (p.Title, p.Released, (int)p.CoSpeakers);
    }
}
