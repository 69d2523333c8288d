using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Features.Dashboard;

/// <summary>
/// What the organisers' destructive actions on the manage pages touch (tracks, team roles, schedule sessions, grid slots),
/// read across the features' tables when the confirmation is shown and again when it is posted. Null: no such thing in this event.
/// </summary>
public sealed class OrganiserImpacts(Db db)
{
    private const string AtRelease = "The public schedule does not change until your next release.";

    public async Task<Impact?> TrackAsync(long eventId, long trackId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var name = await c.ExecuteScalarAsync<string?>("SELECT name FROM tracks WHERE id = @trackId AND event_id = @eventId", new { eventId, trackId });
        if (name is null) return null;
        var (sessions, proposals, groups) = await c.QuerySingleAsync<(long, long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM schedule_sessions WHERE event_id = @eventId AND track_id = @trackId AND is_cancelled = FALSE),
              (SELECT COUNT(*) FROM proposal_tracks pt JOIN proposals p ON p.id = pt.proposal_id WHERE p.event_id = @eventId AND pt.track_id = @trackId),
              (SELECT COUNT(*) FROM community_groups WHERE event_id = @eventId AND track_id = @trackId)
            """, new { eventId, trackId });
        var soleTeams = (await c.QueryAsync<string>("""
            SELECT t.name FROM review_teams t JOIN review_team_tracks rt ON rt.team_id = t.id
            WHERE rt.track_id = @trackId AND t.event_id = @eventId AND (SELECT COUNT(*) FROM review_team_tracks x WHERE x.team_id = t.id) = 1
            ORDER BY t.name
            """, new { eventId, trackId })).AsList();
        return new Impact(name, [
            new("sessions", (int)sessions, $"{N((int)sessions, "scheduled session loses", "scheduled sessions lose")} this track."),
            new("proposals", (int)proposals, $"{N((int)proposals, "proposal loses", "proposals lose")} this track among its chosen tracks."),
            new("community-groups", (int)groups, $"{N((int)groups, "community group loses", "community groups lose")} its own track."),
            new("review-teams", soleTeams.Count, $"{N(soleTeams.Count, "review team is", "review teams are")} limited to this track alone{(soleTeams.Count > 0 ? $" ({string.Join(", ", soleTeams)})" : "")}."),
        ], AtRelease, soleTeams.Count > 0 ? "Change or remove the review teams' limit to this track on the review set-up page first." : null);
    }

    public async Task<Impact?> TeamRoleAsync(long eventId, long userId, string role, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var name = await c.ExecuteScalarAsync<string?>("""
            SELECT u.display_name FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = @eventId AND r.user_id = @userId AND r.role = @role
            """, new { eventId, userId, role });
        if (name is null) return null;
        var (otherOrganisers, assigned, teams) = await c.QuerySingleAsync<(long, long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM event_roles WHERE event_id = @eventId AND role = 'organiser' AND user_id <> @userId),
              (SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
                WHERE p.event_id = @eventId AND a.user_id = @userId
                  AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = a.proposal_id AND r.user_id = a.user_id)),
              (SELECT COUNT(*) FROM review_team_members m JOIN review_teams t ON t.id = m.team_id WHERE t.event_id = @eventId AND m.user_id = @userId)
            """, new { eventId, userId });
        var organiser = role == EventRoles.Organiser;
        ImpactLine access = organiser
            ? new("access", 1, $"{name} can no longer open this event's manage pages, schedule, releases or mail (any other role they hold stays).")
            : new("access", 1, $"{name} can no longer read or review this event's proposals (any other role they hold stays).");
        IReadOnlyList<ImpactLine> lines = organiser
            ? [access, new("other-organisers", (int)otherOrganisers, $"{N((int)otherOrganisers, "other organiser remains", "other organisers remain")}.")]
            : [access,
               new("open-assignments", (int)assigned, $"{N((int)assigned, "proposal assigned to them is", "proposals assigned to them are")} not yet reviewed by them; their reviews written so far stay."),
               new("review-teams", (int)teams, $"They stay listed in {N((int)teams, "review team", "review teams")} until you change the teams.")];
        return new Impact($"{name} as {role}", lines, "Nothing on the public schedule changes.",
            organiser && otherOrganisers == 0 ? "An event needs at least one organiser; add another before removing this one." : null);
    }

    public async Task<Impact?> SessionAsync(long eventId, long sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var title = await c.ExecuteScalarAsync<string?>("SELECT title FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId", new { eventId, sessionId });
        if (title is null) return null;
        var speakers = (await c.QueryAsync<string>("""
            SELECT u.display_name FROM schedule_session_speakers ss JOIN users u ON u.id = ss.user_id WHERE ss.session_id = @sessionId ORDER BY ss.sort_order, u.id
            """, new { sessionId })).AsList();
        var (stars, released) = await c.QuerySingleAsync<(long, long)>($"""
            SELECT
              (SELECT COUNT(*) FROM schedule_stars WHERE session_id = @sessionId),
              ({ReleasedSessionsSql.Select(c, "COUNT(*)")} AND {ReleasedSessionsSql.Id(c)} = @sessionId)
            """, new { eventId, sessionId });
        var inRelease = released > 0;
        return new Impact(title, [
            new("speakers", speakers.Count, speakers.Count == 0 ? "No speakers are on it." :
                $"{N(speakers.Count, "speaker loses", "speakers lose")} this session: {string.Join(", ", speakers)}."),
            new("stars", (int)stars, $"{N((int)stars, "attendee starred", "attendees starred")} it for their agenda."),
            new("released", inRelease ? 1 : 0, inRelease ? "It is in a released schedule." : "It has never been in a released schedule."),
        ], inRelease
            ? "It is on the public schedule, which changes only at your next release."
            : "The public schedule does not change: it never showed this session. It leaves the organisers' grid at once.",
            inRelease ? "A session that has been in a released schedule cannot be deleted; cancel it instead, so attendees are told at the next release." : null);
    }

    public async Task<Impact?> SlotAsync(EventRow e, long slotId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var slot = await c.QuerySingleOrDefaultAsync<(string Date, long? RoomId, string Starts, string Ends, string? Room)>("""
            SELECT x.date, x.room_id, x.starts, x.ends, r.name FROM schedule_slots x LEFT JOIN rooms r ON r.id = x.room_id
            WHERE x.id = @slotId AND x.event_id = @eventId
            """, new { slotId, eventId = e.Id });
        if (slot.Date is null) return null;
        var starts = (await c.QueryAsync<DateTimeOffset>("""
            SELECT starts_at FROM schedule_sessions
            WHERE event_id = @eventId AND starts_at IS NOT NULL AND is_cancelled = FALSE AND (@roomId IS NULL OR room_id = @roomId)
            """, new { eventId = e.Id, roomId = slot.RoomId })).AsList();
        // Slots are in the event's own time; sessions are stored in UTC.
        var inside = starts.Count(t =>
        {
            var local = TimeZoneInfo.ConvertTime(t, e.Zone).DateTime;
            var hm = local.ToString("HH:mm");
            return local.ToString("yyyy-MM-dd") == slot.Date && string.CompareOrdinal(hm, slot.Starts[..5]) >= 0 && string.CompareOrdinal(hm, slot.Ends[..5]) < 0;
        });
        return new Impact($"the slot {slot.Date} {slot.Starts[..5]}–{slot.Ends[..5]}{(slot.Room is null ? " (every room)" : $" in {slot.Room}")}", [
            new("sessions", inside, $"{N(inside, "session starts", "sessions start")} inside this slot: {(inside == 1 ? "it keeps its" : "they keep their")} place; only the slot's frame leaves the organisers' grid."),
        ], "The public schedule does not show slots and does not change.");
    }
}
