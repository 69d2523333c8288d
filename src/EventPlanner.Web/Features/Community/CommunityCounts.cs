using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Community;

/// <summary>Community rooms at a glance for the organisers' dashboard: what waits for an organiser, what waits for a group.</summary>
public sealed record CommunityCounts
{
    public int GroupsPending { get; init; }
    public int RequestsWaiting { get; init; }
    public int ProposalsWithGroups { get; init; }
    public int BlocksApproved { get; init; }

    public static async Task<CommunityCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<CommunityCounts>("""
            SELECT
              (SELECT COUNT(*) FROM community_groups g WHERE g.event_id = @eventId AND g.status = 'pending') AS GroupsPending,
              (SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status = 'requested') AS RequestsWaiting,
              (SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status = 'proposed') AS ProposalsWithGroups,
              (SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status = 'approved') AS BlocksApproved
            """, new { eventId });

    /// <summary>A room's community bookings: approved blocks in it (with the groups' names), and open requests or proposals naming it.</summary>
    public static async Task<(IReadOnlyList<string> ApprovedGroups, int Open)> InRoomAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId)
    {
        var approved = (await c.QueryAsync<string>("""
            SELECT g.name FROM community_blocks b JOIN community_groups g ON g.id = b.group_id
            WHERE b.event_id = @eventId AND b.room_id = @roomId AND b.status = 'approved' ORDER BY b.starts_at, g.name
            """, new { eventId, roomId }, tx)).AsList();
        var open = await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status IN ('requested', 'proposed')
              AND (b.room_id = @roomId OR b.requested_room_id = @roomId OR b.proposed_room_id = @roomId)
            """, new { eventId, roomId }, tx);
        return (approved, open);
    }

    /// <summary>Approved blocks and open requests starting in [<paramref name="from"/>, <paramref name="to"/>): one day of the event (a removed day, issue 14).</summary>
    public static async Task<(int Approved, int Open)> OnDayAsync(IDbConnection c, IDbTransaction? tx, long eventId, DateTimeOffset from, DateTimeOffset to)
    {
        var (approved, open) = await c.QuerySingleAsync<(long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status = 'approved' AND b.starts_at >= @from AND b.starts_at < @to),
              (SELECT COUNT(*) FROM community_blocks b WHERE b.event_id = @eventId AND b.status IN ('requested', 'proposed') AND b.starts_at >= @from AND b.starts_at < @to)
            """, new { eventId, from, to }, tx);
        return ((int)approved, (int)open);
    }
}
