using System.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// Community groups a person hosts or asked for. Hosting goes with the account by cascade; the group's free-text
/// contacts and a session's guest speakers may name them, and are scrubbed (the group and its sessions stay).
/// </summary>
public sealed class CommunityPersonalData : IPersonalDataContributor
{
    public string Section => "community";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["groups"] = await RowsAsync(c, """
            SELECT e.slug AS event, g.name, g.status, (g.created_by = @UserId) AS requested_by_you,
                   EXISTS (SELECT 1 FROM community_hosts h WHERE h.group_id = g.id AND h.user_id = @UserId) AS host
            FROM community_groups g JOIN events e ON e.id = g.event_id
            WHERE g.created_by = @UserId OR EXISTS (SELECT 1 FROM community_hosts h WHERE h.group_id = g.id AND h.user_id = @UserId)
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await ScrubAsync(c, tx, "community_groups", ["contacts"], who, "a former host");
        await ScrubAsync(c, tx, "community_block_sessions", ["guest_speakers"], who, "Former speaker");
    }
}
