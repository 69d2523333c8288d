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

    /// <summary>An access code: its text, and the proposals still in draft and already submitted that carry it.</summary>
    public static async Task<(string? Code, int Drafts, int Submitted)> AccessCodeAsync(IDbConnection c, IDbTransaction? tx, long eventId, long codeId)
    {
        var a = await c.QuerySingleOrDefaultAsync<(string? Code, long Drafts, long Submitted)>("""
            SELECT a.code,
              (SELECT COUNT(*) FROM proposals p WHERE p.access_code_id = a.id AND p.event_id = @eventId AND p.state = 'draft'),
              (SELECT COUNT(*) FROM proposals p WHERE p.access_code_id = a.id AND p.event_id = @eventId AND p.state NOT IN ('draft', 'withdrawn'))
            FROM access_codes a WHERE a.id = @codeId AND a.event_id = @eventId
            """, new { eventId, codeId }, tx);
        return (a.Code, (int)a.Drafts, (int)a.Submitted);
    }

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
