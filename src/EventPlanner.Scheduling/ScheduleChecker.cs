namespace EventPlanner.Scheduling;

public sealed record Violation(string Constraint, IReadOnlyList<string> SessionIds, string Message);

/// <summary>
/// Validates any set of placements against the hard constraints, written without the solver's candidate filtering
/// so that the two implementations check each other.
/// </summary>
public static class ScheduleChecker
{
    public static IReadOnlyList<Violation> Check(SchedulingProblem problem, IEnumerable<Placement> placements)
    {
        var violations = new List<Violation>();
        var sessions = problem.Sessions.ToDictionary(s => s.Id);
        var rooms = problem.Rooms.ToDictionary(r => r.Id);
        var speakers = problem.Speakers.ToDictionary(s => s.Id);
        var placed = new List<(SessionToPlace Session, Slot Slot)>();
        var seen = new HashSet<string>();

        foreach (var p in placements)
        {
            if (!sessions.TryGetValue(p.SessionId, out var session))
            {
                violations.Add(new("unknown-session", [p.SessionId], $"{p.SessionId} is not a session of this problem"));
                continue;
            }
            if (!seen.Add(p.SessionId))
            {
                violations.Add(new("placed-twice", [p.SessionId], $"{p.SessionId} is placed more than once"));
                continue;
            }
            violations.AddRange(CheckOne(problem, session, p.Slot, rooms, speakers));
            placed.Add((session, p.Slot));
        }

        foreach (var s in problem.Sessions.Where(s => s.Pinned is not null && !seen.Contains(s.Id)))
            violations.Add(new("pinned", [s.Id], $"{s.Id} is pinned at {TimeText.Of(s.Pinned!)} but not placed"));

        // One session per room at a time; a speaker in one place at a time.
        foreach (var group in placed.GroupBy(p => p.Slot.RoomId))
            violations.AddRange(Overlaps(group, "room", $"room {group.Key}"));
        foreach (var group in placed.SelectMany(p => p.Session.SpeakerIds.Distinct().Select(sp => (Speaker: sp, p.Session, p.Slot))).GroupBy(x => x.Speaker))
            violations.AddRange(Overlaps(group.Select(x => (x.Session, x.Slot)), "speaker", $"speaker {group.Key}"));
        return violations;
    }

    /// <summary>Everything that can be wrong with one placement on its own.</summary>
    public static IReadOnlyList<Violation> CheckOne(SchedulingProblem problem, SessionToPlace session, Slot slot) =>
        CheckOne(problem, session, slot, problem.Rooms.ToDictionary(r => r.Id), problem.Speakers.ToDictionary(s => s.Id));

    private static List<Violation> CheckOne(SchedulingProblem problem, SessionToPlace s, Slot slot,
        Dictionary<string, Room> rooms, Dictionary<string, Speaker> speakers)
    {
        var v = new List<Violation>();
        void Add(string constraint, string message) => v.Add(new(constraint, [s.Id], $"{s.Id} at {TimeText.Of(slot)}: {message}"));
        var end = slot.Start + s.Duration;

        if (s.Pinned is not null && s.Pinned != slot) Add("pinned", $"pinned at {TimeText.Of(s.Pinned)}");
        var day = problem.Days.FirstOrDefault(d => d.Day == slot.Day);
        if (day is null) Add("day-hours", "no such day");
        else if (slot.Start < day.Opens || end > day.Closes) Add("day-hours", $"outside the day's opening hours {TimeText.Clock(day.Opens)}-{TimeText.Clock(day.Closes)}");

        if (!rooms.TryGetValue(slot.RoomId, out var room))
        {
            Add("room", "no such room");
            return v;
        }
        if (room.Open is not null && !room.Open.Any(w => w.Contains(slot.Day, slot.Start, end))) Add("room-hours", "outside the room's opening hours");
        foreach (var t in problem.Taken.Where(t => t.RoomId == room.Id && t.When.Overlaps(slot.Day, slot.Start, end)))
            Add("room-taken", $"room taken by {t.What}");
        if (s.ExpectedAudience > room.Capacity) Add("capacity", $"expects {s.ExpectedAudience}, room seats {room.Capacity}");
        if (s.NeedsStepFree && !room.StepFree) Add("step-free", "needs a step-free room");
        if (room.SessionTypes is not null && !room.SessionTypes.Contains(s.Type)) Add("session-type", $"room does not take type '{s.Type}'");
        if (room.Tracks is not null && (s.Track is null || !room.Tracks.Contains(s.Track))) Add("track", $"room does not host track '{s.Track}'");

        foreach (var id in s.SpeakerIds.Distinct())
        {
            if (!speakers.TryGetValue(id, out var sp)) continue;
            if (sp.Available is not null && !sp.Available.Any(w => w.Contains(slot.Day, slot.Start, end)))
                Add("speaker-availability", $"speaker {id} is not available");
            if (sp.Busy is not null && sp.Busy.Any(w => w.Overlaps(slot.Day, slot.Start, end)))
                Add("speaker-busy", $"speaker {id} is busy at a co-located event");
        }
        return v;
    }

    private static IEnumerable<Violation> Overlaps(IEnumerable<(SessionToPlace Session, Slot Slot)> items, string constraint, string what)
    {
        var sorted = items.OrderBy(x => x.Slot.Day).ThenBy(x => x.Slot.Start).ToList();
        for (var i = 0; i < sorted.Count; i++)
            for (var j = i + 1; j < sorted.Count && sorted[j].Slot.Day == sorted[i].Slot.Day
                 && sorted[j].Slot.Start < sorted[i].Slot.Start + sorted[i].Session.Duration; j++)
                yield return new(constraint, [sorted[i].Session.Id, sorted[j].Session.Id],
                    $"{sorted[i].Session.Id} and {sorted[j].Session.Id} overlap in {what} on day {sorted[i].Slot.Day + 1}");
    }
}
