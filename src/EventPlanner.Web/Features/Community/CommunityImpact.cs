using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// Community's part of what a destructive action touches (the confirmation step): read on the caller's connection,
/// inside its transaction when the confirming post recounts before it writes.
/// </summary>
public static class CommunityImpact
{
    public static async Task<int> GroupsInTrackAsync(IDbConnection c, IDbTransaction? tx, long eventId, long trackId) =>
        (int)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM community_groups WHERE event_id = @eventId AND track_id = @trackId", new { eventId, trackId }, tx);

    /// <summary>The title of a live session of this block, or null.</summary>
    public static Task<string?> BlockSessionTitleAsync(IDbConnection c, IDbTransaction? tx, long eventId, long blockId, long sessionId) =>
        c.ExecuteScalarAsync<string?>("""
            SELECT s.title FROM schedule_sessions s JOIN community_block_sessions b ON b.session_id = s.id
            WHERE s.id = @sessionId AND s.event_id = @eventId AND b.block_id = @blockId AND s.is_cancelled = FALSE
            """, new { eventId, blockId, sessionId }, tx);

    /// <summary>A group's block still open or approved: its status, its live sessions and the stars on them.</summary>
    public static async Task<(string? Status, int Sessions, int Stars)> BlockAsync(IDbConnection c, IDbTransaction? tx, long eventId, long groupId, long blockId)
    {
        var b = await c.QuerySingleOrDefaultAsync<(string? Status, long Sessions, long Stars)>("""
            SELECT b.status,
              (SELECT COUNT(*) FROM community_block_sessions x JOIN schedule_sessions s ON s.id = x.session_id WHERE x.block_id = b.id AND s.is_cancelled = FALSE),
              (SELECT COUNT(*) FROM community_block_sessions x JOIN schedule_stars st ON st.session_id = x.session_id WHERE x.block_id = b.id)
            FROM community_blocks b WHERE b.id = @blockId AND b.event_id = @eventId AND b.group_id = @groupId
              AND b.status NOT IN ('withdrawn', 'declined')
            """, new { eventId, groupId, blockId }, tx);
        return (b.Status, (int)b.Sessions, (int)b.Stars);
    }
}
