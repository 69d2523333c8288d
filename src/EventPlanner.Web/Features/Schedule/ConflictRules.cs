using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Schedule;

public static class Severities
{
    public const string Error = "error";
    public const string Warning = "warning";
}

public static class ConflictKinds
{
    public const string RoomDoubleBooked = "room-double-booked";
    public const string SpeakerDoubleBooked = "speaker-double-booked";
    public const string OutsideAvailability = "outside-availability";
    public const string OutsideOpeningHours = "outside-opening-hours";
    public const string OverCapacity = "over-capacity";
    public const string LongerThanSlot = "longer-than-slot";
    public const string ShorterThanSlot = "shorter-than-slot";
    public const string TrackInParallel = "track-in-parallel";
    public const string RoomReserved = "room-reserved";

    public static string Severity(string kind) => kind switch
    {
        OverCapacity or ShorterThanSlot or TrackInParallel => Severities.Warning,
        _ => Severities.Error,
    };

    public static string Label(string kind) => kind switch
    {
        RoomDoubleBooked => "Room double-booked",
        SpeakerDoubleBooked => "Speaker in two places",
        OutsideAvailability => "Outside the speaker's availability",
        OutsideOpeningHours => "Outside opening hours",
        OverCapacity => "Room too small",
        LongerThanSlot => "Longer than its slot",
        ShorterThanSlot => "Shorter than its slot",
        TrackInParallel => "Same track in parallel",
        RoomReserved => "Room reserved",
        _ => kind,
    };
}

/// <summary>One problem with one session's placement; a clash between two sessions is reported on both.</summary>
public sealed record Conflict(string Kind, string Severity, long SessionId, long? OtherSessionId, string Message)
{
    public bool IsError => Severity == Severities.Error;
}

/// <summary>Everything the rules look at, loaded once (see <see cref="ScheduleBoard"/>).</summary>
public sealed record ConflictInput(
    TimeZoneInfo Zone,
    IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<RoomRow> Rooms,
    IReadOnlyList<EventDayRow> Days,
    IReadOnlyList<RoomHoursRow> RoomHours,
    IReadOnlyList<SlotRow> Slots,
    IReadOnlyList<ForeignSessionRow> Foreign,
    IReadOnlyList<ReservedBlockRow>? Blocks = null);

/// <summary>
/// The schedule's conflict checks as plain code: no database, no HTTP, so each rule is unit-tested on its
/// own. Only placed sessions that are not cancelled take part. Times are compared as UTC instants; opening
/// hours, slots and availability are local times of day in the event's zone.
/// </summary>
public static class ConflictRules
{
    public static IReadOnlyList<Conflict> Check(ConflictInput input)
    {
        var placed = input.Sessions.Where(s => s.IsPlaced && !s.IsCancelled).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToList();
        var rooms = input.Rooms.ToDictionary(r => r.Id);
        var conflicts = new List<Conflict>();
        RoomDoubleBookings(placed, rooms, conflicts);
        SpeakerDoubleBookings(placed, input.Foreign, conflicts);
        var blocks = input.Blocks ?? [];
        RoomReservations(placed, blocks, rooms, input.Zone, conflicts);
        // A community block is its own slot: the grid's slots do not cut the group's sessions inside it.
        var inBlocks = blocks.SelectMany(b => b.SessionIdList).ToHashSet();
        foreach (var s in placed)
        {
            var (date, start, end) = Local(s, input.Zone);
            OpeningHours(s, date, start, end, input, rooms, conflicts);
            Availability(s, date, start, end, conflicts);
            Capacity(s, rooms, conflicts);
            if (!inBlocks.Contains(s.Id)) Slot(s, date, start, end, input.Slots, conflicts);
        }
        TracksInParallel(placed, conflicts);
        return conflicts;
    }

    private static bool Overlap(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) => aStart < bEnd && bStart < aEnd;

    private static (DateOnly Date, TimeOnly Start, DateTime EndLocal) Local(SessionRow s, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(s.StartsAt!.Value, zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(s.EndsAt!.Value, zone).DateTime;
        return (DateOnly.FromDateTime(start), TimeOnly.FromDateTime(start), end);
    }

    // Pairs that overlap within each group, by a sweep over start times: linear in the number of sessions plus clashes.
    private static IEnumerable<(SessionRow A, SessionRow B)> OverlappingPairs(IEnumerable<SessionRow> sortedByStart)
    {
        var open = new List<SessionRow>();
        foreach (var s in sortedByStart)
        {
            open.RemoveAll(o => o.EndsAt <= s.StartsAt);
            foreach (var o in open) yield return (o, s);
            open.Add(s);
        }
    }

    private static void RoomDoubleBookings(List<SessionRow> placed, Dictionary<long, RoomRow> rooms, List<Conflict> conflicts)
    {
        foreach (var group in placed.GroupBy(s => s.RoomId!.Value))
        {
            var room = rooms.TryGetValue(group.Key, out var r) ? r.Name : "the room";
            foreach (var (a, b) in OverlappingPairs(group))
            {
                Pair(conflicts, ConflictKinds.RoomDoubleBooked, a, b, other => $"{room} is also booked for \"{other.Title}\" at the same time.");
            }
        }
    }

    // A room reserved for a community group is taken for everyone but the group's own sessions inside the block.
    private static void RoomReservations(List<SessionRow> placed, IReadOnlyList<ReservedBlockRow> blocks, Dictionary<long, RoomRow> rooms,
        TimeZoneInfo zone, List<Conflict> conflicts)
    {
        foreach (var b in blocks)
        {
            var own = b.SessionIdList;
            var room = rooms.TryGetValue(b.RoomId, out var r) ? r.Name : "The room";
            foreach (var s in placed.Where(s => s.RoomId == b.RoomId && !own.Contains(s.Id) && Overlap(s.StartsAt!.Value, s.EndsAt!.Value, b.StartsAt, b.EndsAt)))
            {
                conflicts.Add(new Conflict(ConflictKinds.RoomReserved, Severities.Error, s.Id, null,
                    $"{room} is reserved for {b.GroupName} {TimeZoneInfo.ConvertTime(b.StartsAt, zone):HH:mm}–{TimeZoneInfo.ConvertTime(b.EndsAt, zone):HH:mm} (community room)."));
            }
        }
    }

    private static void SpeakerDoubleBookings(List<SessionRow> placed, IReadOnlyList<ForeignSessionRow> foreign, List<Conflict> conflicts)
    {
        var bySpeaker = new Dictionary<long, List<SessionRow>>();
        foreach (var s in placed)
        {
            foreach (var sp in s.Speakers)
            {
                if (!bySpeaker.TryGetValue(sp.Id, out var list)) bySpeaker[sp.Id] = list = [];
                list.Add(s);
            }
        }
        var reported = new HashSet<(long, long, long)>();
        foreach (var (speakerId, sessions) in bySpeaker)
        {
            var name = sessions[0].Speakers.First(x => x.Id == speakerId).Name;
            foreach (var (a, b) in OverlappingPairs(sessions))
            {
                if (!reported.Add((speakerId, a.Id, b.Id))) continue;
                Pair(conflicts, ConflictKinds.SpeakerDoubleBooked, a, b, other => $"{name} also speaks in \"{other.Title}\" at the same time.");
            }
            foreach (var f in foreign.Where(f => f.SpeakerIdList.Contains(speakerId)))
            {
                foreach (var s in sessions.Where(s => Overlap(s.StartsAt!.Value, s.EndsAt!.Value, f.StartsAt, f.EndsAt)))
                {
                    conflicts.Add(new Conflict(ConflictKinds.SpeakerDoubleBooked, Severities.Error, s.Id, null,
                        $"{name} also speaks in \"{f.Title}\" at {f.EventName} (same venue) at the same time."));
                }
            }
        }
    }

    private static void Pair(List<Conflict> conflicts, string kind, SessionRow a, SessionRow b, Func<SessionRow, string> message)
    {
        var severity = ConflictKinds.Severity(kind);
        conflicts.Add(new Conflict(kind, severity, a.Id, b.Id, message(b)));
        conflicts.Add(new Conflict(kind, severity, b.Id, a.Id, message(a)));
    }

    private static void OpeningHours(SessionRow s, DateOnly date, TimeOnly start, DateTime endLocal, ConflictInput input,
        Dictionary<long, RoomRow> rooms, List<Conflict> conflicts)
    {
        var day = input.Days.FirstOrDefault(d => d.Date == date);
        if (day is null)
        {
            conflicts.Add(new Conflict(ConflictKinds.OutsideOpeningHours, Severities.Error, s.Id, null, $"{date:yyyy-MM-dd} is not a day of the event."));
            return;
        }
        var roomHours = input.RoomHours.FirstOrDefault(h => h.RoomId == s.RoomId && h.Date == date);
        var (opens, closes, whose) = roomHours is null
            ? (day.OpensAt, day.ClosesAt, "the venue")
            : (roomHours.OpensAt, roomHours.ClosesAt, rooms.TryGetValue(s.RoomId!.Value, out var r) ? r.Name : "the room");
        var closesAt = date.ToDateTime(closes);
        if (start < opens || endLocal > closesAt)
        {
            conflicts.Add(new Conflict(ConflictKinds.OutsideOpeningHours, Severities.Error, s.Id, null,
                $"Runs {start:HH:mm}–{endLocal:HH:mm}, but {whose} is open {opens:HH:mm}–{closes:HH:mm} that day."));
        }
    }

    private static void Availability(SessionRow s, DateOnly date, TimeOnly start, DateTime endLocal, List<Conflict> conflicts)
    {
        var ranges = s.AvailabilityList;
        if (ranges.Count == 0) return; // no stated limits: available throughout
        var fits = ranges.Any(r => r.Date == date && r.From <= start && date.ToDateTime(r.To) >= endLocal);
        if (fits) return;
        var that = ranges.Where(r => r.Date == date).Select(r => $"{r.From:HH:mm}–{r.To:HH:mm}").ToList();
        conflicts.Add(new Conflict(ConflictKinds.OutsideAvailability, Severities.Error, s.Id, null, that.Count == 0
            ? $"The speakers said they are not available on {date:yyyy-MM-dd}."
            : $"The speakers are available only {string.Join(", ", that)} on {date:yyyy-MM-dd}."));
    }

    private static void Capacity(SessionRow s, Dictionary<long, RoomRow> rooms, List<Conflict> conflicts)
    {
        if (!rooms.TryGetValue(s.RoomId!.Value, out var room) || room.Capacity <= 0) return;
        if (s.Audience > room.Capacity)
        {
            conflicts.Add(new Conflict(ConflictKinds.OverCapacity, Severities.Warning, s.Id, null,
                $"{s.Audience} people expected, but {room.Name} seats {room.Capacity}."));
        }
    }

    private static void Slot(SessionRow s, DateOnly date, TimeOnly start, DateTime endLocal, IReadOnlyList<SlotRow> slots, List<Conflict> conflicts)
    {
        var candidates = slots.Where(x => x.Date == date && x.Starts <= start && start < x.Ends).ToList();
        var slot = candidates.FirstOrDefault(x => x.RoomId == s.RoomId) ?? candidates.FirstOrDefault(x => x.RoomId is null);
        if (slot is null) return;
        var slotEnd = date.ToDateTime(slot.Ends);
        if (endLocal > slotEnd)
        {
            conflicts.Add(new Conflict(ConflictKinds.LongerThanSlot, Severities.Error, s.Id, null,
                $"Ends at {endLocal:HH:mm}, after its slot ({slot.Starts:HH:mm}–{slot.Ends:HH:mm})."));
        }
        else if (endLocal < slotEnd)
        {
            conflicts.Add(new Conflict(ConflictKinds.ShorterThanSlot, Severities.Warning, s.Id, null,
                $"Ends at {endLocal:HH:mm}, leaving {(int)(slotEnd - endLocal).TotalMinutes} minutes of its slot ({slot.Starts:HH:mm}–{slot.Ends:HH:mm}) empty."));
        }
    }

    private static void TracksInParallel(List<SessionRow> placed, List<Conflict> conflicts)
    {
        foreach (var group in placed.Where(s => s.TrackId is not null).GroupBy(s => s.TrackId!.Value))
        {
            foreach (var (a, b) in OverlappingPairs(group))
            {
                if (a.RoomId == b.RoomId) continue; // same room: the room rule already says it
                Pair(conflicts, ConflictKinds.TrackInParallel, a, b, other => $"\"{other.Title}\" of the same track ({a.TrackName}) runs at the same time.");
            }
        }
    }
}
