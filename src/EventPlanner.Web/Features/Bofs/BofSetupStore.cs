using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>
/// The organisers' BoF set-up: the interest threshold, the BoF rooms (some of the event's rooms) and the bookable slots.
/// A slot is checked with the schedule's own rules when it is added, so a BoF booked into it cannot be outside the
/// room's hours or clash with a session already there.
/// </summary>
public sealed class BofSetupStore(Db db, Outbox outbox)
{
    public async Task<BofSetup> GetAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rooms = (await c.QueryAsync<BofRoomRow>("""
            SELECT r.id AS room_id, r.name, r.capacity FROM bof_rooms b JOIN rooms r ON r.id = b.room_id WHERE b.event_id = @eventId ORDER BY r.sort_order, r.name
            """, new { eventId })).AsList();
        return new BofSetup(await BofStore.ThresholdAsync(c, null, eventId), rooms);
    }

    public async Task<IReadOnlyList<BofSlotRow>> SlotsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await BofStore.SlotsAsync(c, null, eventId);
    }

    /// <summary>
    /// Saves the threshold and the BoF rooms. A room holding a booked BoF stays (move or cancel the BoF first). Lowering the
    /// threshold tells the proposers whose BoFs now have enough interest, once each.
    /// </summary>
    public async Task<BofSetup?> SaveAsync(EventRow e, int threshold, IReadOnlyList<long> roomIds, Validator v, CancellationToken ct = default)
    {
        var saved = await outbox.WriteLockedWithNoticesAsync(e.Id, async (c, tx, batch) =>
        {
            var eventRooms = (await c.QueryAsync<(long Id, string Name)>("SELECT id, name FROM rooms WHERE event_id = @Id", e, tx)).ToDictionary(r => r.Id, r => r.Name);
            foreach (var id in roomIds.Where(id => !eventRooms.ContainsKey(id))) v.Add("roomIds", $"Room {id} is not one of this event's rooms.");
            var held = (await c.QueryAsync<long>("""
                SELECT DISTINCT s.room_id FROM bofs b JOIN bof_slots s ON s.id = b.slot_id WHERE b.event_id = @Id
                """, e, tx)).Where(id => !roomIds.Contains(id)).ToList();
            foreach (var id in held) v.Add("roomIds", $"{eventRooms.GetValueOrDefault(id, "A room")} has booked BoFs: move or cancel them before it stops being a BoF room.");
            if (v.HasErrors) return false;
            await c.ExecuteAsync("""
                INSERT INTO bof_settings (event_id, interest_threshold) VALUES (@eventId, @threshold)
                ON CONFLICT (event_id) DO UPDATE SET interest_threshold = excluded.interest_threshold
                """, new { eventId = e.Id, threshold }, tx);
            await c.ExecuteAsync($"DELETE FROM bof_rooms WHERE event_id = @eventId AND NOT ({SqlDialect.Of(c).InList("room_id", "@roomIds")})",
                new { eventId = e.Id, roomIds }, tx);
            foreach (var roomId in roomIds.Distinct())
            {
                await c.ExecuteAsync("INSERT INTO bof_rooms (room_id, event_id) VALUES (@roomId, @eventId) ON CONFLICT DO NOTHING", new { roomId, eventId = e.Id }, tx);
            }
            if (threshold > 0)
            {
                var ready = await c.QueryAsync<BofRow>($"""
                    {BofStore.BofSelect} WHERE b.event_id = @eventId AND b.is_cancelled = FALSE AND b.slot_id IS NULL
                      AND (SELECT COUNT(*) FROM bof_interest i WHERE i.bof_id = b.id) >= @threshold
                    """, new { eventId = e.Id, threshold }, tx);
                foreach (var bof in ready) await batch.AddAsync(c, tx, BofNotices.ThresholdReached(e, bof));
            }
            return true;
        }, ct);
        if (!saved) return null;
        return await GetAsync(e.Id, ct);
    }

    public Task<BofSlotRow?> AddSlotAsync(EventRow e, BofSlotValues slot, Validator v, CancellationToken ct = default) =>
        db.WriteLockedAsync(e.Id, async (c, tx) =>
        {
            if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM bof_rooms WHERE room_id = @RoomId AND event_id = @eventId)",
                    new { slot.RoomId, eventId = e.Id }, tx))
            {
                v.Add("roomId", "That room is not a BoF room of this event: add it to the BoF rooms first.");
                return null;
            }
            var existing = await BofStore.SlotsAsync(c, tx, e.Id);
            if (existing.FirstOrDefault(s => s.RoomId == slot.RoomId && s.StartsAt < slot.EndsAt && slot.StartsAt < s.EndsAt) is { } overlap)
            {
                v.Add("starts", $"{overlap.RoomName} already has a BoF slot {BofNotices.When(overlap, e)}.");
                return null;
            }
            var board = await ScheduleQueries.LoadAsync(c, tx, e);
            foreach (var problem in BofRules.Problems(board, slot.RoomId, slot.StartsAt, slot.EndsAt, null, null, "BoF slot")) v.Add("starts", problem);
            if (v.HasErrors) return null;
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO bof_slots (event_id, room_id, date, starts, ends, starts_at, ends_at)
                VALUES (@eventId, @RoomId, @Date, @Starts, @Ends, @StartsAt, @EndsAt) RETURNING id
                """, new { eventId = e.Id, slot.RoomId, slot.Date, slot.Starts, slot.Ends, slot.StartsAt, slot.EndsAt }, tx);
            return (await BofStore.SlotsAsync(c, tx, e.Id)).First(s => s.Id == id);
        }, ct);

    /// <summary>Removes a slot nobody booked; a booked one stays until its BoF moves or is cancelled. Null: no such slot.</summary>
    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false (null returned) leaves the slot.</summary>
    public Task<bool?> RemoveSlotAsync(long eventId, long slotId, Validator v, CancellationToken ct = default, Func<System.Data.IDbConnection, System.Data.IDbTransaction, Task<bool>>? stillAsShown = null) =>
        db.WriteLockedAsync<bool?>(eventId, async (c, tx) =>
        {
            if (stillAsShown is not null && !await stillAsShown(c, tx)) return null;
            var slot = (await BofStore.SlotsAsync(c, tx, eventId)).FirstOrDefault(s => s.Id == slotId);
            if (slot is null) return null;
            if (slot.BofId is not null)
            {
                v.Add("slotId", $"\"{slot.BofTitle}\" is booked into this slot: move or cancel it first.");
                return false;
            }
            await c.ExecuteAsync("DELETE FROM bof_slots WHERE id = @slotId", new { slotId }, tx);
            return true;
        }, ct);
}
