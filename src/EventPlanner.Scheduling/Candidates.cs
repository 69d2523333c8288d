namespace EventPlanner.Scheduling;

/// <summary>One room a session may use and its allowed starts there (global minutes: day * 1440 + minute), ascending.</summary>
internal sealed record RoomStarts(int Room, long[] Starts);

/// <summary>A session's candidate placements after every hard constraint that concerns it alone has been applied.</summary>
internal sealed class SessionCandidates
{
    public required int Index { get; init; }
    public required SessionToPlace Session { get; init; }
    public required List<RoomStarts> Rooms { get; init; }
    /// <summary>The union of the rooms' starts, ascending.</summary>
    public required long[] Starts { get; init; }
    /// <summary>Why there is no candidate at all (null when there is one).</summary>
    public string? Reason { get; init; }
    public string? Constraint { get; init; }
    /// <summary>Rooms that suit the session (type, track, step-free, capacity), before times are considered.</summary>
    public required List<int> SuitableRooms { get; init; }
}

/// <summary>
/// Applies the per-session hard constraints up front (suitability, capacity, opening hours, taken room time, speaker
/// availability and co-located busy times), so the model only sees placements that can be legal; what remains between
/// sessions is one-per-room and one-place-per-speaker.
/// </summary>
internal sealed class CandidateSpace
{
    public const int DayMinutes = 1440;
    public SchedulingProblem Problem { get; }
    public IReadOnlyList<SessionCandidates> Sessions { get; }
    public Dictionary<string, int> RoomIndex { get; }
    public int DayCount { get; }
    /// <summary>Per room, per global minute: open and not taken.</summary>
    public bool[][] RoomFree { get; }

    private readonly Dictionary<(int Room, int Duration), HashSet<long>> roomStartCache = [];

    public CandidateSpace(SchedulingProblem problem, int maxRoomsPerSession = int.MaxValue)
    {
        Problem = problem;
        DayCount = problem.Days.Count == 0 ? 0 : problem.Days.Max(d => d.Day) + 1;
        RoomIndex = problem.Rooms.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        RoomFree = problem.Rooms.Select(BuildRoomFree).ToArray();
        var speakers = problem.Speakers.ToDictionary(s => s.Id);
        Sessions = problem.Sessions.Select((s, i) => Build(i, s, speakers, maxRoomsPerSession)).ToList();
    }

    // The same event with other candidates per session (the slot model's lattice keeps a subset of the starts).
    private CandidateSpace(CandidateSpace from, IReadOnlyList<SessionCandidates> sessions)
    {
        Problem = from.Problem;
        DayCount = from.DayCount;
        RoomIndex = from.RoomIndex;
        RoomFree = from.RoomFree;
        Sessions = sessions;
    }

    internal CandidateSpace With(IReadOnlyList<SessionCandidates> sessions) => new(this, sessions);

    private bool[] BuildRoomFree(Room room)
    {
        var free = new bool[DayCount * DayMinutes];
        foreach (var day in Problem.Days)
            for (var m = Math.Max(0, day.Opens); m < Math.Min(DayMinutes, day.Closes); m++)
                free[day.Day * DayMinutes + m] = room.Open is null || room.Open.Any(w => w.Day == day.Day && w.Start <= m && m < w.End);
        foreach (var t in Problem.Taken.Where(t => t.RoomId == room.Id && t.When.Day < DayCount))
            for (var m = Math.Max(0, t.When.Start); m < Math.Min(DayMinutes, t.When.End); m++)
                free[t.When.Day * DayMinutes + m] = false;
        return free;
    }

    public bool Suits(Room room, SessionToPlace s) =>
        (room.SessionTypes is null || room.SessionTypes.Contains(s.Type))
        && (room.Tracks is null || (s.Track is not null && room.Tracks.Contains(s.Track)))
        && (!s.NeedsStepFree || room.StepFree)
        && s.ExpectedAudience <= room.Capacity;

    private SessionCandidates Build(int index, SessionToPlace s, Dictionary<string, Speaker> speakers, int maxRooms)
    {
        var rooms = Problem.Rooms;
        var suitable = Enumerable.Range(0, rooms.Count).Where(r => Suits(rooms[r], s)).ToList();
        SessionCandidates None(string constraint, string reason, List<int>? suit = null) =>
            new() { Index = index, Session = s, Rooms = [], Starts = [], Reason = reason, Constraint = constraint, SuitableRooms = suit ?? suitable };

        if (s.Duration <= 0) return None("duration", $"{s.Id} has no duration");
        if (s.Pinned is not null)
        {
            var broken = ScheduleChecker.CheckOne(Problem, s, s.Pinned);
            if (broken.Count > 0) return None(broken[0].Constraint, $"{s.Id} is pinned where it breaks a hard constraint: {string.Join("; ", broken.Select(b => b.Message))}");
            var r = RoomIndex[s.Pinned.RoomId];
            long g = s.Pinned.Day * DayMinutes + s.Pinned.Start;
            return new() { Index = index, Session = s, Rooms = [new RoomStarts(r, [g])], Starts = [g], SuitableRooms = [r] };
        }
        if (suitable.Count == 0) return None(SuitabilityConstraint(s), SuitabilityReason(s));

        // Minutes at which all the speakers can be in a session, within the day's hours.
        var speakerFree = new bool[DayCount * DayMinutes];
        foreach (var day in Problem.Days)
            for (var m = Math.Max(0, day.Opens); m < Math.Min(DayMinutes, day.Closes); m++)
                speakerFree[day.Day * DayMinutes + m] = true;
        foreach (var sp in s.SpeakerIds.Distinct().Select(id => speakers.GetValueOrDefault(id)).OfType<Speaker>())
            for (var g = 0; g < speakerFree.Length; g++)
            {
                if (!speakerFree[g]) continue;
                int d = g / DayMinutes, m = g % DayMinutes;
                if (sp.Available is not null && !sp.Available.Any(w => w.Day == d && w.Start <= m && m < w.End)) speakerFree[g] = false;
                else if (sp.Busy is not null && sp.Busy.Any(w => w.Day == d && w.Start <= m && m < w.End)) speakerFree[g] = false;
            }
        // Free minutes merge adjacent windows (10:00-11:00 and 11:00-12:00); the checker, like the app's grid, wants the
        // whole session inside one window, so starts that straddle two are dropped here.
        var windowed = s.SpeakerIds.Distinct().Select(id => speakers.GetValueOrDefault(id)).OfType<Speaker>().Where(sp => sp.Available is not null).ToList();
        var speakerStarts = Starts(speakerFree, s.Duration)
            .Where(g => windowed.All(sp => sp.Available!.Any(w => w.Contains((int)(g / DayMinutes), (int)(g % DayMinutes), (int)(g % DayMinutes) + s.Duration))))
            .ToList();
        if (speakerStarts.Count == 0)
            return None("speaker-availability", s.SpeakerIds.Count == 0
                ? $"{s.Id} fits in no day's opening hours ({s.Duration} min)"
                : $"{s.Id}'s speakers ({string.Join(", ", s.SpeakerIds)}) are never all available for {s.Duration} min during opening hours");

        var roomStarts = new List<RoomStarts>();
        foreach (var r in suitable)
        {
            if (!roomStartCache.TryGetValue((r, s.Duration), out var free))
                roomStartCache[(r, s.Duration)] = free = Starts(RoomFree[r], s.Duration).Where(g => InOneOpenWindow(rooms[r], g, s.Duration)).ToHashSet();
            var starts = speakerStarts.Where(free.Contains).ToArray();
            if (starts.Length > 0) roomStarts.Add(new RoomStarts(r, starts));
        }
        if (roomStarts.Count == 0)
            return None("room-hours", $"{s.Id}'s speakers are never all available while a suitable room ({string.Join(", ", suitable.Select(r => rooms[r].Id))}) is open and free for {s.Duration} min");

        if (roomStarts.Count > maxRooms)
        {
            // Keep the draft's room, then the tightest fits: a small talk need not be offered the main hall.
            var draftRoom = Problem.Draft.TryGetValue(s.Id, out var d) && RoomIndex.TryGetValue(d.RoomId, out var dr) ? dr : -1;
            roomStarts = roomStarts.OrderBy(x => x.Room == draftRoom ? 0 : 1)
                .ThenBy(x => rooms[x.Room].Tracks is not null ? 0 : 1)
                .ThenBy(x => rooms[x.Room].Capacity).ThenBy(x => x.Room).Take(maxRooms).ToList();
        }
        var union = roomStarts.SelectMany(x => x.Starts).Distinct().Order().ToArray();
        return new() { Index = index, Session = s, Rooms = roomStarts, Starts = union, SuitableRooms = suitable };
    }

    // A room's windows (the app's grid slots) may touch; a session must not run from one into the next.
    private static bool InOneOpenWindow(Room room, long g, int duration) =>
        room.Open is null || room.Open.Any(w => w.Contains((int)(g / DayMinutes), (int)(g % DayMinutes), (int)(g % DayMinutes) + duration));

    /// <summary>Grid-aligned starts g where [g, g + duration) is free and within one day.</summary>
    private List<long> Starts(bool[] free, int duration)
    {
        var grid = Math.Max(1, Problem.GridMinutes);
        var result = new List<long>();
        for (var d = 0; d < DayCount; d++)
        {
            var run = 0; // free minutes ending at m (inclusive)
            var runs = new int[DayMinutes];
            for (var m = 0; m < DayMinutes; m++)
            {
                run = free[d * DayMinutes + m] ? run + 1 : 0;
                runs[m] = run;
            }
            for (var m = 0; m + duration <= DayMinutes; m += grid)
                if (runs[m + duration - 1] >= duration) result.Add(d * DayMinutes + m);
        }
        return result;
    }

    private string SuitabilityConstraint(SessionToPlace s)
    {
        var rooms = Problem.Rooms.AsEnumerable();
        if (!(rooms = rooms.Where(r => r.SessionTypes is null || r.SessionTypes.Contains(s.Type))).Any()) return "session-type";
        if (!(rooms = rooms.Where(r => r.Tracks is null || (s.Track is not null && r.Tracks.Contains(s.Track)))).Any()) return "track";
        if (!(rooms = rooms.Where(r => !s.NeedsStepFree || r.StepFree)).Any()) return "step-free";
        return "capacity";
    }

    private string SuitabilityReason(SessionToPlace s)
    {
        var byType = Problem.Rooms.Where(r => r.SessionTypes is null || r.SessionTypes.Contains(s.Type)).ToList();
        if (byType.Count == 0) return $"{s.Id}: no room takes sessions of type '{s.Type}'";
        var byTrack = byType.Where(r => r.Tracks is null || (s.Track is not null && r.Tracks.Contains(s.Track))).ToList();
        if (byTrack.Count == 0) return $"{s.Id}: no room for type '{s.Type}' hosts track '{s.Track}'";
        var byAccess = byTrack.Where(r => !s.NeedsStepFree || r.StepFree).ToList();
        if (byAccess.Count == 0) return $"{s.Id} needs a step-free room, and none of the rooms that suit it ({string.Join(", ", byTrack.Select(r => r.Id))}) is step-free";
        return $"{s.Id} expects {s.ExpectedAudience} people; the largest room that suits it seats {byAccess.Max(r => r.Capacity)}";
    }
}
