using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Community;

/// <summary>Reads of groups, blocks and community sessions; the SQL is shared with the stores' transactions.</summary>
public sealed class CommunityQueries(Db db)
{
    // JSON aggregation differs between the engines (SqlDialect), so the hosts' and speakers' columns are built per connection.
    internal static string GroupSelect(IDbConnection c)
    {
        var d = SqlDialect.Of(c);
        return GroupSelectTemplate.Replace("{hosts}", d.JsonArrayAgg($"{d.JsonObject}('id', y.id, 'name', y.display_name)"), StringComparison.Ordinal);
    }

    internal static string SessionSelect(IDbConnection c)
    {
        var d = SqlDialect.Of(c);
        return SessionSelectTemplate.Replace("{speakers}", d.JsonArrayAgg($"{d.JsonObject}('id', y.id, 'name', y.name, 'email', y.email)"), StringComparison.Ordinal);
    }

    private const string GroupSelectTemplate = """
        SELECT g.id, g.event_id, g.name, g.description, g.contacts, g.logo_url, g.status, g.decline_reason, g.track_id, g.created_by, g.created_at,
               (SELECT {hosts} FROM (
                    SELECT u.id, u.display_name FROM community_hosts h JOIN users u ON u.id = h.user_id
                    WHERE h.group_id = g.id ORDER BY h.added_at, u.id) y) AS hosts_json
        FROM community_groups g
        """;

    internal const string BlockSelect = """
        SELECT b.id, b.event_id, b.group_id, g.name AS group_name, b.requested_room_id, b.room_id, b.starts_at, b.ends_at, b.expected_attendance,
               b.purpose, b.av_needs, b.status, b.proposed_room_id, b.proposed_starts_at, b.proposed_ends_at, b.organiser_note, b.decline_reason,
               b.version, b.created_at, b.updated_at
        FROM community_blocks b JOIN community_groups g ON g.id = b.group_id
        """;

    private const string SessionSelectTemplate = """
        SELECT s.id, x.block_id, s.kind, s.title, s.abstract, s.starts_at, s.duration_minutes, s.is_cancelled, s.version, x.guest_speakers,
               (SELECT {speakers} FROM (
                    SELECT u.id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name, u.email
                    FROM schedule_session_speakers ss JOIN users u ON u.id = ss.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
                    WHERE ss.session_id = s.id ORDER BY ss.sort_order, u.id) y) AS speakers_json
        FROM community_block_sessions x JOIN schedule_sessions s ON s.id = x.session_id
        """;

    public async Task<IReadOnlyList<GroupRow>> GroupsAsync(long eventId, bool all, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<GroupRow>($"{GroupSelect(c)} WHERE g.event_id = @eventId AND (@all OR g.status = 'approved') ORDER BY g.name",
            new { eventId, all })).AsList();
    }

    public async Task<IReadOnlyList<GroupRow>> HostedByAsync(long eventId, long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<GroupRow>($"""
            {GroupSelect(c)} WHERE g.event_id = @eventId AND EXISTS (SELECT 1 FROM community_hosts h WHERE h.group_id = g.id AND h.user_id = @userId)
            ORDER BY g.name
            """, new { eventId, userId })).AsList();
    }

    public async Task<GroupRow?> GroupAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await GroupAsync(c, null, eventId, id);
    }

    internal static Task<GroupRow?> GroupAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<GroupRow?>($"{GroupSelect(c)} WHERE g.id = @id AND g.event_id = @eventId", new { id, eventId }, tx);

    public async Task<IReadOnlyList<BlockRow>> BlocksAsync(long eventId, long? groupId = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<BlockRow>($"""
            {BlockSelect} WHERE b.event_id = @eventId AND (@groupId IS NULL OR b.group_id = @groupId) ORDER BY b.starts_at, b.id
            """, new { eventId, groupId })).AsList();
    }

    public async Task<BlockRow?> BlockAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await BlockAsync(c, null, eventId, id);
    }

    internal static Task<BlockRow?> BlockAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<BlockRow?>($"{BlockSelect} WHERE b.id = @id AND b.event_id = @eventId", new { id, eventId }, tx);

    public async Task<IReadOnlyList<BlockSessionRow>> SessionsAsync(long blockId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await SessionsAsync(c, null, blockId);
    }

    internal static async Task<IReadOnlyList<BlockSessionRow>> SessionsAsync(IDbConnection c, IDbTransaction? tx, long blockId) =>
        (await c.QueryAsync<BlockSessionRow>($"{SessionSelect(c)} WHERE x.block_id = @blockId ORDER BY s.starts_at, s.id", new { blockId }, tx)).AsList();

    /// <summary>Every community session of the event by block, for the organisers' calendar.</summary>
    public async Task<IReadOnlyList<BlockSessionRow>> EventSessionsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<BlockSessionRow>($"{SessionSelect(c)} WHERE s.event_id = @eventId ORDER BY s.starts_at, s.id", new { eventId })).AsList();
    }

    public async Task<RoomFacts> RoomFactsAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await RoomFactsAsync(c, null, e);
    }

    /// <summary>Rooms, hours and what occupies each room, in one round trip; inside a write transaction this is what the approval checks.</summary>
    internal static async Task<RoomFacts> RoomFactsAsync(IDbConnection c, IDbTransaction? tx, EventRow e)
    {
        using var r = await c.QueryMultipleAsync("""
            SELECT id, event_id, name, capacity, accessibility_notes, sort_order FROM rooms WHERE event_id = @eventId ORDER BY sort_order, name;
            SELECT id, event_id, date, opens_at, closes_at FROM event_days WHERE event_id = @eventId ORDER BY date;
            SELECT h.room_id, h.date, h.opens_at, h.closes_at FROM schedule_room_hours h JOIN rooms r ON r.id = h.room_id WHERE r.event_id = @eventId;
            SELECT s.room_id, s.starts_at, s.duration_minutes, s.title, x.block_id
            FROM schedule_sessions s LEFT JOIN community_block_sessions x ON x.session_id = s.id
            WHERE s.event_id = @eventId AND s.room_id IS NOT NULL AND s.starts_at IS NOT NULL AND s.is_cancelled = FALSE;
            SELECT b.id, b.room_id, b.starts_at, b.ends_at, g.name AS group_name
            FROM community_blocks b JOIN community_groups g ON g.id = b.group_id
            WHERE b.event_id = @eventId AND b.status = 'approved' AND b.room_id IS NOT NULL;
            """, new { eventId = e.Id }, tx);
        var rooms = (await r.ReadAsync<RoomRow>()).AsList();
        var days = (await r.ReadAsync<EventDayRow>()).AsList();
        var hours = (await r.ReadAsync<RoomHoursRow>()).AsList();
        var sessions = (await r.ReadAsync<BusySessionRow>()).Select(s => new Busy(s.RoomId, s.StartsAt, s.StartsAt.AddMinutes(s.DurationMinutes), $"\"{s.Title}\"", s.BlockId));
        var blocks = (await r.ReadAsync<ReservedBlockRow>()).Select(b => new Busy(b.RoomId, b.StartsAt, b.EndsAt, $"the {b.GroupName} community block", b.Id));
        return new RoomFacts(e.Zone, rooms, days, hours, sessions.Concat(blocks).ToList());
    }

    internal static Task<IEnumerable<long>> OrganisersAsync(IDbConnection c, IDbTransaction tx, long eventId) =>
        c.QueryAsync<long>("SELECT user_id FROM event_roles WHERE event_id = @eventId AND role = 'organiser' ORDER BY user_id", new { eventId }, tx);

    internal static Task<IEnumerable<long>> HostsAsync(IDbConnection c, IDbTransaction tx, long groupId) =>
        c.QueryAsync<long>("SELECT user_id FROM community_hosts WHERE group_id = @groupId ORDER BY user_id", new { groupId }, tx);

    private sealed record BusySessionRow
    {
        public long RoomId { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public int DurationMinutes { get; init; }
        public string Title { get; init; } = "";
        public long? BlockId { get; init; }
    }
}
