using System.Data;
using Dapper;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// Puts each locked lightning line-up into releases as its session's <see cref="SnapSession.Parts"/>, in running
/// order with planned times from the session's released start. Unlocked sessions carry no parts, so the public sees
/// a line-up only once organisers lock it. One query per snapshot.
/// </summary>
public sealed class LightningLineupContributor : ISnapshotContributor
{
    private sealed record PartRow
    {
        public long SessionId { get; init; }
        public int SlotMinutes { get; init; }
        public int ChangeoverMinutes { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string SpeakerName { get; init; } = "";
        public string? SlidesUrl { get; init; }
        public string? SlidesFile { get; init; }
    }

    public async Task<ReleaseSnapshot> ContributeAsync(IDbConnection c, IDbTransaction? tx, ScheduleBoard board, ReleaseSnapshot snapshot)
    {
        var rows = await c.QueryAsync<PartRow>("""
            SELECT l.session_id, l.slot_minutes, l.changeover_minutes, t.title, t.description, t.slides_url, t.slides_file,
                   COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS speaker_name
            FROM lightning_sessions l
            JOIN lightning_talks t ON t.session_id = l.session_id AND t.status = 'confirmed'
            JOIN users u ON u.id = t.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = t.user_id
            WHERE l.event_id = @eventId AND l.locked_at IS NOT NULL
            ORDER BY l.session_id, t.position, t.seq
            """, new { eventId = board.Event.Id }, tx);
        var bySession = rows.GroupBy(r => r.SessionId).ToDictionary(g => g.Key, g => g.ToList());
        var sessions = snapshot.Sessions.Select(s =>
        {
            if (s.Kind != SessionKinds.Lightning) return s;
            if (!bySession.TryGetValue(s.Id, out var talks)) return s.Parts is null ? s : s with { Parts = null };
            return s with
            {
                Parts = talks.Select((t, i) => new SnapPart(t.Title, t.SpeakerName,
                    LightningRules.PlannedStart(s.StartsAt, i, t.SlotMinutes, t.ChangeoverMinutes), t.SlotMinutes, t.Description,
                    t.SlidesFile is not null ? LightningSlides.Url(snapshot.Slug, t.SlidesFile) : t.SlidesUrl)).ToList(),
            };
        }).ToList();
        return snapshot with { Sessions = sessions };
    }
}
