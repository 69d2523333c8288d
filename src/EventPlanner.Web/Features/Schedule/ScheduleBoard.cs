using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// One event's whole working schedule (sessions with speakers, star counts and availability; days, rooms,
/// tracks, slots, room hours; sessions of co-located events in the same venue that share a speaker; rooms reserved
/// for community groups) and its conflicts. Loaded in one round trip whatever its size, so the organiser grid runs a fixed number of queries.
/// </summary>
public sealed record ScheduleBoard(
    EventRow Event,
    IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<EventDayRow> Days,
    IReadOnlyList<RoomRow> Rooms,
    IReadOnlyList<TrackRow> Tracks,
    IReadOnlyList<SlotRow> Slots,
    IReadOnlyList<RoomHoursRow> RoomHours,
    IReadOnlyList<ForeignSessionRow> Foreign,
    int? LatestRelease,
    IReadOnlyList<ReservedBlockRow>? Blocks = null)
{
    private IReadOnlyList<Conflict>? _conflicts;
    private ILookup<long, Conflict>? _bySession;

    public TimeZoneInfo Zone => Event.Zone;

    public IReadOnlyList<Conflict> Conflicts => _conflicts ??= ConflictRules.Check(
        new ConflictInput(Zone, Sessions, Rooms, Days, RoomHours, Slots, Foreign, Blocks));

    public IEnumerable<Conflict> ConflictsOf(long sessionId) => (_bySession ??= Conflicts.ToLookup(c => c.SessionId))[sessionId];

    public int ErrorCount => Conflicts.Count(c => c.IsError);
    public int WarningCount => Conflicts.Count(c => !c.IsError);

    public SessionRow? Find(long id) => Sessions.FirstOrDefault(s => s.Id == id);

    public DateOnly? LocalDate(SessionRow s) => s.StartsAt is { } t ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Zone).DateTime) : null;

    public DateTime Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).DateTime;

    /// <summary>Placed sessions that overlap this one in time (in any room), for "up against".</summary>
    public IEnumerable<SessionRow> UpAgainst(SessionRow s) => s.StartsAt is null ? [] : Sessions
        .Where(o => o.Id != s.Id && o.IsPlaced && !o.IsCancelled && o.StartsAt < s.EndsAt && s.StartsAt < o.EndsAt)
        .OrderBy(o => o.StartsAt).ThenBy(o => RoomOrder(o.RoomId));

    public string RoomName(long? roomId) => Rooms.FirstOrDefault(r => r.Id == roomId)?.Name ?? "";

    public int RoomOrder(long? roomId)
    {
        for (var i = 0; i < Rooms.Count; i++) if (Rooms[i].Id == roomId) return i;
        return int.MaxValue;
    }
}

public sealed class ScheduleQueries(Db db)
{
    // JSON aggregation differs between the engines (SqlDialect), so the columns are built per connection.
    internal static string SessionColumns(IDbConnection c)
    {
        var d = SqlDialect.Of(c);
        return SessionColumnsTemplate.Replace("{speakers}", d.JsonArrayAgg($"{d.JsonObject}('id', x.user_id, 'name', x.name)"), StringComparison.Ordinal);
    }

    private const string SessionColumnsTemplate = """
        s.id, s.event_id, s.guid, s.proposal_id, s.kind, s.title, s.abstract, s.description, s.language, s.track_id,
        t.name AS track_name, t.colour AS track_colour, s.duration_minutes, s.expected_audience, s.room_id, s.starts_at,
        s.is_cancelled, s.source, s.version, s.created_at, s.updated_at,
        (SELECT COUNT(*) FROM schedule_stars st WHERE st.session_id = s.id)
          + COALESCE((SELECT tl.stars FROM schedule_star_tallies tl WHERE tl.session_id = s.id), 0) AS stars,
        (SELECT {speakers} FROM (
            SELECT ss.user_id, COALESCE(NULLIF(sp.full_name, ''), u.display_name) AS name
            FROM schedule_session_speakers ss JOIN users u ON u.id = ss.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = ss.user_id
            WHERE ss.session_id = s.id ORDER BY ss.sort_order, ss.user_id) x) AS speakers_json,
        COALESCE(p.availability, '[]') AS availability
        """;

    internal const string SessionFrom = """
        FROM schedule_sessions s LEFT JOIN tracks t ON t.id = s.track_id LEFT JOIN proposals p ON p.id = s.proposal_id
        """;

    public async Task<ScheduleBoard> LoadAsync(EventRow e, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await LoadAsync(c, null, e);
    }

    public async Task<SessionRow?> FindSessionAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindSessionAsync(c, null, eventId, id);
    }

    internal static Task<SessionRow?> FindSessionAsync(IDbConnection c, IDbTransaction? tx, long eventId, long id) =>
        c.QuerySingleOrDefaultAsync<SessionRow?>($"SELECT {SessionColumns(c)} {SessionFrom} WHERE s.id = @id AND s.event_id = @eventId", new { id, eventId }, tx);

    internal static async Task<ScheduleBoard> LoadAsync(IDbConnection c, IDbTransaction? tx, EventRow e)
    {
        var d = SqlDialect.Of(c);
        using var grid = await c.QueryMultipleAsync($"""
            SELECT {SessionColumns(c)} {SessionFrom} WHERE s.event_id = @eventId ORDER BY s.starts_at, s.id;
            SELECT id, event_id, date, opens_at, closes_at FROM event_days WHERE event_id = @eventId ORDER BY date;
            SELECT id, event_id, name, capacity, accessibility_notes, sort_order FROM rooms WHERE event_id = @eventId ORDER BY sort_order, name;
            SELECT id, event_id, name, colour FROM tracks WHERE event_id = @eventId ORDER BY name;
            SELECT id, event_id, date, room_id, starts, ends FROM schedule_slots WHERE event_id = @eventId ORDER BY date, starts, room_id;
            SELECT h.room_id, h.date, h.opens_at, h.closes_at FROM schedule_room_hours h JOIN rooms r ON r.id = h.room_id WHERE r.event_id = @eventId;
            SELECT o.id, oe.name AS event_name, oe.slug AS event_slug, o.title, o.starts_at, o.duration_minutes,
                   (SELECT {d.JsonArrayAgg("ss.user_id")} FROM schedule_session_speakers ss WHERE ss.session_id = o.id) AS speaker_ids
            FROM events me JOIN events oe ON oe.id <> me.id
                 AND me.venue <> '' AND lower(trim(oe.venue)) = lower(trim(me.venue))
                 AND (oe.parent_event_id = me.id OR oe.id = me.parent_event_id OR (me.parent_event_id IS NOT NULL AND oe.parent_event_id = me.parent_event_id))
            JOIN schedule_sessions o ON o.event_id = oe.id AND o.room_id IS NOT NULL AND o.starts_at IS NOT NULL AND o.is_cancelled = FALSE
            WHERE me.id = @eventId AND EXISTS (
                SELECT 1 FROM schedule_session_speakers a JOIN schedule_session_speakers b ON b.user_id = a.user_id
                JOIN schedule_sessions mine ON mine.id = b.session_id AND mine.event_id = @eventId
                WHERE a.session_id = o.id);
            SELECT MAX(number) FROM schedule_releases WHERE event_id = @eventId;
            SELECT b.id, b.room_id, b.starts_at, b.ends_at, g.name AS group_name,
                   (SELECT {d.JsonArrayAgg("x.session_id")} FROM community_block_sessions x WHERE x.block_id = b.id) AS session_ids
            FROM community_blocks b JOIN community_groups g ON g.id = b.group_id
            WHERE b.event_id = @eventId AND b.status = 'approved' AND b.room_id IS NOT NULL ORDER BY b.starts_at, b.id;
            """, new { eventId = e.Id }, tx);
        return new ScheduleBoard(e,
            (await grid.ReadAsync<SessionRow>()).AsList(),
            (await grid.ReadAsync<EventDayRow>()).AsList(),
            (await grid.ReadAsync<RoomRow>()).AsList(),
            (await grid.ReadAsync<TrackRow>()).AsList(),
            (await grid.ReadAsync<SlotRow>()).AsList(),
            (await grid.ReadAsync<RoomHoursRow>()).AsList(),
            (await grid.ReadAsync<ForeignSessionRow>()).AsList(),
            await grid.ReadSingleAsync<int?>(),
            (await grid.ReadAsync<ReservedBlockRow>()).AsList());
    }
}
