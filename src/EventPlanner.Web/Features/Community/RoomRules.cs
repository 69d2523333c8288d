using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;

namespace EventPlanner.Web.Features.Community;

/// <summary>Something that occupies a room: a placed session (of any source) or an approved block.</summary>
public sealed record Busy(long RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string What, long? BlockId);

/// <summary>Everything the room rules look at, read once inside the write transaction (see <see cref="CommunityQueries.RoomFactsAsync"/>).</summary>
public sealed record RoomFacts(
    TimeZoneInfo Zone, IReadOnlyList<RoomRow> Rooms, IReadOnlyList<EventDayRow> Days, IReadOnlyList<RoomHoursRow> RoomHours, IReadOnlyList<Busy> Busy);

public sealed record FreeRoom(long RoomId, string Name, int Capacity);
public sealed record FreeTime(long RoomId, string Room, string Date, string Start, string End, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// Why a block cannot go where asked, with what could work instead. Status 409 when the room is taken at that time,
/// 422 when the block does not fit the room (capacity) or the opening hours.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail, IReadOnlyList<string> Clashes, IReadOnlyList<FreeRoom> FreeRooms, FreeTime? NextFree)
{
    public string Summary => Detail + (FreeRooms.Count > 0 ? $" Free at that time: {string.Join(", ", FreeRooms.Select(r => r.Name))}." : "")
        + (NextFree is { } n ? $" {n.Room} is next free {n.Date} {n.Start}–{n.End}." : "");
}

/// <summary>
/// The reservation rules, plain code: a block needs a day of the event within the room's opening hours, a room that seats
/// the expected attendance (a capacity of 0 means "not recorded" and takes anyone), and no other session or approved
/// block overlapping it in that room. Intervals are half-open, so one block may start when the last ends.
/// </summary>
public static class RoomRules
{
    private const int SearchStepMinutes = 15;

    public static Refusal? Check(RoomFacts f, long roomId, DateTimeOffset starts, DateTimeOffset ends, int attendance, long? blockId)
    {
        if (f.Rooms.FirstOrDefault(r => r.Id == roomId) is not { } room)
            return new Refusal(422, "No such room", "That room is not one of this event's rooms.", [], FreeRooms(f, starts, ends, attendance, blockId), null);
        if (OutsideHours(f, room, starts, ends) is { } hours)
            return new Refusal(422, "Outside opening hours", hours, [], FreeRooms(f, starts, ends, attendance, blockId), NextFree(f, room, starts, ends, blockId));
        if (!Seats(room, attendance))
            return new Refusal(422, "Room too small", $"{attendance} people expected, but {room.Name} seats {room.Capacity}.", [],
                FreeRooms(f, starts, ends, attendance, blockId), null);
        var clashes = Clashes(f, roomId, starts, ends, blockId).ToList();
        if (clashes.Count == 0) return null;
        var lines = clashes.Select(b => $"{room.Name} is taken {Hm(f, b.StartsAt)}–{Hm(f, b.EndsAt)} by {b.What}.").ToList();
        return new Refusal(409, "Room not free at that time", string.Join(" ", lines), lines,
            FreeRooms(f, starts, ends, attendance, blockId), NextFree(f, room, starts, ends, blockId));
    }

    public static bool Seats(RoomRow room, int attendance) => room.Capacity <= 0 || attendance <= room.Capacity;

    /// <summary>What overlaps the interval in the room, leaving out the block itself and its own sessions.</summary>
    public static IEnumerable<Busy> Clashes(RoomFacts f, long roomId, DateTimeOffset starts, DateTimeOffset ends, long? blockId) =>
        f.Busy.Where(b => b.RoomId == roomId && (blockId is null || b.BlockId != blockId) && b.StartsAt < ends && starts < b.EndsAt)
            .OrderBy(b => b.StartsAt);

    public static string? OutsideHours(RoomFacts f, RoomRow room, DateTimeOffset starts, DateTimeOffset ends)
    {
        var from = TimeZoneInfo.ConvertTime(starts, f.Zone).DateTime;
        var to = TimeZoneInfo.ConvertTime(ends, f.Zone).DateTime;
        var date = DateOnly.FromDateTime(from);
        if (Hours(f, room.Id, date) is not { } h) return $"{date:yyyy-MM-dd} is not a day of the event.";
        if (from < date.ToDateTime(h.Opens) || to > date.ToDateTime(h.Closes))
            return $"Runs {from:HH:mm}–{to:HH:mm}, but {room.Name} is open {h.Opens:HH:mm}–{h.Closes:HH:mm} on {date:yyyy-MM-dd}.";
        return null;
    }

    private static (TimeOnly Opens, TimeOnly Closes)? Hours(RoomFacts f, long roomId, DateOnly date)
    {
        if (f.Days.FirstOrDefault(d => d.Date == date) is not { } day) return null;
        var own = f.RoomHours.FirstOrDefault(h => h.RoomId == roomId && h.Date == date);
        return own is null ? (day.OpensAt, day.ClosesAt) : (own.OpensAt, own.ClosesAt);
    }

    /// <summary>Rooms that are open, big enough and free for the whole interval.</summary>
    public static IReadOnlyList<FreeRoom> FreeRooms(RoomFacts f, DateTimeOffset starts, DateTimeOffset ends, int attendance, long? blockId) =>
        f.Rooms.Where(r => Seats(r, attendance) && OutsideHours(f, r, starts, ends) is null && !Clashes(f, r.Id, starts, ends, blockId).Any())
            .Select(r => new FreeRoom(r.Id, r.Name, r.Capacity)).ToList();

    /// <summary>The first time, from the asked start onwards (that day, then the following days), the room is free for as long.</summary>
    public static FreeTime? NextFree(RoomFacts f, RoomRow room, DateTimeOffset starts, DateTimeOffset ends, long? blockId)
    {
        var length = ends - starts;
        var askedDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(starts, f.Zone).DateTime);
        foreach (var day in f.Days.Where(d => d.Date >= askedDate).OrderBy(d => d.Date))
        {
            if (Hours(f, room.Id, day.Date) is not { } h) continue;
            var opens = At(f, day.Date, h.Opens);
            var closes = At(f, day.Date, h.Closes);
            var candidate = day.Date == askedDate && starts > opens ? starts : opens;
            while (candidate + length <= closes)
            {
                var clash = Clashes(f, room.Id, candidate, candidate + length, blockId).FirstOrDefault();
                if (clash is null)
                {
                    var local = TimeZoneInfo.ConvertTime(candidate, f.Zone).DateTime;
                    return new FreeTime(room.Id, room.Name, $"{local:yyyy-MM-dd}", $"{local:HH:mm}", Hm(f, candidate + length), candidate, candidate + length);
                }
                // Jump past what is in the way, rounded up to the search step.
                var next = clash.EndsAt;
                var minutes = TimeZoneInfo.ConvertTime(next, f.Zone).Minute % SearchStepMinutes;
                candidate = minutes == 0 ? next : next.AddMinutes(SearchStepMinutes - minutes);
            }
        }
        return null;
    }

    private static DateTimeOffset At(RoomFacts f, DateOnly date, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), f.Zone), TimeSpan.Zero);

    private static string Hm(RoomFacts f, DateTimeOffset t) => $"{TimeZoneInfo.ConvertTime(t, f.Zone):HH:mm}";

    /// <summary>Sessions placed in the block's room that would start or end outside the block, for hosts' messages.</summary>
    public static bool Inside(DateTimeOffset starts, DateTimeOffset ends, DateTimeOffset blockStarts, DateTimeOffset blockEnds) =>
        starts >= blockStarts && ends <= blockEnds;

    internal static Busy AsBusy(SessionRow s, long? blockId) => new(s.RoomId!.Value, s.StartsAt!.Value, s.EndsAt!.Value, $"\"{s.Title}\"", blockId);
}
