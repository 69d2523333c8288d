using System.Data;
using Dapper;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// Speakers without an account (free-text names a host typed) reach every release as <see cref="SnapSession.Guests"/>:
/// the public pages show them and the exports list them as persons by name. They are kept out of
/// <see cref="SnapSession.Speakers"/>, whose ids are user ids (speaker pages, speaker notices).
/// </summary>
public sealed class CommunitySnapshotContributor : ISnapshotContributor
{
    public async Task<ReleaseSnapshot> ContributeAsync(IDbConnection c, IDbTransaction? tx, ScheduleBoard board, ReleaseSnapshot snapshot)
    {
        var guests = (await c.QueryAsync<(long SessionId, string Names)>("""
            SELECT x.session_id, x.guest_speakers FROM community_block_sessions x JOIN schedule_sessions s ON s.id = x.session_id
            WHERE s.event_id = @eventId AND x.guest_speakers <> '[]'
            """, new { eventId = board.Event.Id }, tx)).ToDictionary(g => g.SessionId, g => CommunityJson.List<string>(g.Names));
        if (guests.Count == 0) return snapshot;
        return snapshot with
        {
            Sessions = snapshot.Sessions.Select(s => guests.TryGetValue(s.Id, out var names) && names.Count > 0 ? s with { Guests = names } : s).ToList(),
        };
    }
}
