using System.Data;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Events;

/// <summary>
/// An event's venue: its days and their opening hours, rooms and tracks. Name clashes come back as field messages in the
/// validator; the <c>...InAsync</c> methods serve other features inside their own transactions (Events owns these tables).
/// </summary>
public sealed class VenueStore(Db db)
{
    /// <summary>Days, rooms and tracks of one event in a single round trip.</summary>
    public async Task<(IReadOnlyList<EventDayRow> Days, IReadOnlyList<RoomRow> Rooms, IReadOnlyList<TrackRow> Tracks)> ListPartsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync("""
            SELECT id, event_id, date, opens_at, closes_at FROM event_days WHERE event_id = @eventId ORDER BY date;
            SELECT id, event_id, name, capacity, accessibility_notes, sort_order FROM rooms WHERE event_id = @eventId ORDER BY sort_order, name;
            SELECT id, event_id, name, colour FROM tracks WHERE event_id = @eventId ORDER BY name;
            """, new { eventId });
        return ((await grid.ReadAsync<EventDayRow>()).AsList(), (await grid.ReadAsync<RoomRow>()).AsList(), (await grid.ReadAsync<TrackRow>()).AsList());
    }

    public Task<EventDayRow?> SetDayHoursAsync(long eventId, DateOnly date, TimeOnly opens, TimeOnly closes, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<EventDayRow?>("""
            UPDATE event_days SET opens_at = @opens, closes_at = @closes WHERE event_id = @eventId AND date = @date
            RETURNING id, event_id, date, opens_at, closes_at
            """, new { eventId, date, opens, closes }, tx), ct);

    public Task<RoomRow?> AddRoomAsync(long eventId, (string Name, int Capacity, string Notes, int SortOrder) room, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a room called '{room.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<RoomRow?>("""
            INSERT INTO rooms (event_id, name, capacity, accessibility_notes, sort_order) VALUES (@eventId, @Name, @Capacity, @Notes, @SortOrder)
            RETURNING id, event_id, name, capacity, accessibility_notes, sort_order
            """, new { eventId, room.Name, room.Capacity, room.Notes, room.SortOrder }, tx), ct));

    public Task<RoomRow?> UpdateRoomAsync(long eventId, long roomId, (string Name, int Capacity, string Notes, int SortOrder) room, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a room called '{room.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<RoomRow?>("""
            UPDATE rooms SET name = @Name, capacity = @Capacity, accessibility_notes = @Notes, sort_order = @SortOrder
            WHERE id = @roomId AND event_id = @eventId
            RETURNING id, event_id, name, capacity, accessibility_notes, sort_order
            """, new { eventId, roomId, room.Name, room.Capacity, room.Notes, room.SortOrder }, tx), ct));

    public Task<bool> RemoveRoomAsync(long eventId, long roomId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => RemoveRoomInAsync(c, tx, eventId, roomId), ct);

    public static Task<string?> RoomNameInAsync(IDbConnection c, IDbTransaction? tx, long eventId, long roomId) =>
        c.QuerySingleOrDefaultAsync<string?>("SELECT name FROM rooms WHERE id = @roomId AND event_id = @eventId", new { eventId, roomId }, tx);

    /// <summary>
    /// Removes a room inside the caller's transaction (the organisers' room removal first checks, in that transaction,
    /// what the room holds); false when it was already gone. Its sessions lose their room, its grid and BoF slots go.
    /// </summary>
    public static async Task<bool> RemoveRoomInAsync(IDbConnection c, IDbTransaction tx, long eventId, long roomId) =>
        await c.ExecuteAsync("DELETE FROM rooms WHERE id = @roomId AND event_id = @eventId", new { eventId, roomId }, tx) == 1;

    public Task<TrackRow?> AddTrackAsync(long eventId, (string Name, string Colour) track, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a track called '{track.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleAsync<TrackRow?>("""
            INSERT INTO tracks (event_id, name, colour) VALUES (@eventId, @Name, @Colour) RETURNING id, event_id, name, colour
            """, new { eventId, track.Name, track.Colour }, tx), ct));

    public Task<TrackRow?> UpdateTrackAsync(long eventId, long trackId, (string Name, string Colour) track, Validator v, CancellationToken ct = default) =>
        UniqueName(v, "name", $"There is already a track called '{track.Name}'.", db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<TrackRow?>("""
            UPDATE tracks SET name = @Name, colour = @Colour WHERE id = @trackId AND event_id = @eventId RETURNING id, event_id, name, colour
            """, new { eventId, trackId, track.Name, track.Colour }, tx), ct));

    /// <summary>
    /// Adds a track named <paramref name="name"/>, or, when the event has one of that name, the first free one of
    /// <paramref name="alternatives"/> (1, 2, ...), inside the caller's transaction (Community gives an approved group its track).
    /// </summary>
    public static async Task<long> CreateTrackInAsync(IDbConnection c, IDbTransaction tx, long eventId, string name, Func<int, string> alternatives, string colour)
    {
        for (var i = 1; await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM tracks WHERE event_id = @eventId AND name = @name)",
                 new { eventId, name }, tx); i++)
        {
            name = alternatives(i);
        }
        return await c.ExecuteScalarAsync<long>("INSERT INTO tracks (event_id, name, colour) VALUES (@eventId, @name, @colour) RETURNING id",
            new { eventId, name, colour }, tx);
    }

    /// <summary>Renames a track inside the caller's transaction, unless another track of the event has that name already.</summary>
    public static async Task<bool> RenameTrackInAsync(IDbConnection c, IDbTransaction tx, long eventId, long trackId, string name) =>
        await c.ExecuteAsync("""
            UPDATE tracks SET name = @name WHERE id = @trackId AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.event_id = @eventId AND t.name = @name)
            """, new { trackId, name, eventId }, tx) == 1;

    /// <summary>
    /// Removes a track; false when it was already gone. Refused (<paramref name="blocker"/> says why) while a review
    /// team is limited to this track alone: its limit rows would cascade away, and a team with no limit row may review
    /// every track, so removing a track would widen what those reviewers see.
    /// </summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false leaves everything as it is.</summary>
    public Task<bool> RemoveTrackAsync(long eventId, long trackId, Action<string> blocker, CancellationToken ct = default, Func<IDbConnection, IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return false;
            var teams = (await c.QueryAsync<string>("""
                SELECT t.name FROM review_teams t JOIN review_team_tracks rt ON rt.team_id = t.id
                WHERE rt.track_id = @trackId AND t.event_id = @eventId
                  AND (SELECT COUNT(*) FROM review_team_tracks x WHERE x.team_id = t.id) = 1
                ORDER BY t.name
                """, new { eventId, trackId }, tx)).AsList();
            if (teams.Count > 0)
            {
                blocker($"The review team{(teams.Count == 1 ? "" : "s")} {string.Join(", ", teams)} {(teams.Count == 1 ? "is" : "are")} limited to this track alone. " +
                        "Change or remove that limit on the review set-up page first.");
                return true;
            }
            return await c.ExecuteAsync("DELETE FROM tracks WHERE id = @trackId AND event_id = @eventId", new { eventId, trackId }, tx) == 1;
        }, ct);

    private static async Task<T?> UniqueName<T>(Validator v, string field, string message, Task<T?> write) where T : class
    {
        try
        {
            return await write;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            v.Add(field, message);
            return null;
        }
    }}
