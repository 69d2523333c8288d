using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Social;

/// <summary>
/// Social events at a glance for the organisers' dashboard: how many there are, and across them how many people are
/// coming (guests included), waiting for a seat, or have not answered yet.
/// </summary>
public sealed record SocialCounts
{
    public int Events { get; init; }
    public int PeopleComing { get; init; }
    public int Waiting { get; init; }
    public int NoReply { get; init; }

    public static async Task<SocialCounts> ReadAsync(IDbConnection c, long eventId) =>
        await c.QuerySingleAsync<SocialCounts>("""
            SELECT
              (SELECT COUNT(*) FROM social_events s WHERE s.event_id = @eventId) AS Events,
              (SELECT COALESCE(SUM(1 + i.guests), 0) FROM social_invitations i WHERE i.event_id = @eventId AND i.state = 'attending') AS PeopleComing,
              (SELECT COUNT(*) FROM social_invitations i WHERE i.event_id = @eventId AND i.state = 'waiting') AS Waiting,
              (SELECT COUNT(*) FROM social_invitations i WHERE i.event_id = @eventId AND i.state = 'invited') AS NoReply
            """, new { eventId });
}
