namespace EventPlanner.Scheduling;

/// <summary>
/// The time slots of the slot model: a session of duration d starts only every d minutes (rounded up to the grid)
/// from the start of the window it runs in (the room's window — the app's grid slot — or the day's opening), so
/// that sessions of one length follow each other like slots. Its draft start and a pin are kept as extra slots, so a
/// re-solve can leave a hand-placed session where it is. Everything else the candidate filter allowed stays allowed:
/// the lattice only removes starts, so every slot-model schedule is legal for the interval model too.
/// </summary>
internal static class SlotLattice
{
    private const int Day = CandidateSpace.DayMinutes;

    public static CandidateSpace Restrict(CandidateSpace space)
    {
        var problem = space.Problem;
        var opens = problem.Days.ToDictionary(d => d.Day, d => d.Opens);
        var sessions = new List<SessionCandidates>();
        foreach (var c in space.Sessions)
        {
            if (c.Reason is not null || c.Session.Pinned is not null)
            {
                sessions.Add(c);
                continue;
            }
            var draft = problem.Draft.TryGetValue(c.Session.Id, out var d) && space.RoomIndex.TryGetValue(d.RoomId, out var dr)
                ? (Room: dr, Start: d.Day * (long)Day + d.Start) : (Room: -1, Start: -1L);
            var step = Step(problem, c.Session.Duration);
            var rooms = c.Rooms
                .Select(rs => new RoomStarts(rs.Room, rs.Starts.Where(g => (rs.Room == draft.Room && g == draft.Start)
                    || OnLattice(problem.Rooms[rs.Room], opens, Math.Max(1, problem.GridMinutes), g, c.Session.Duration, step)).ToArray()))
                .Where(rs => rs.Starts.Length > 0).ToList();
            if (rooms.Count == 0)
            {
                sessions.Add(new SessionCandidates
                {
                    Index = c.Index, Session = c.Session, Rooms = [], Starts = [], SuitableRooms = c.SuitableRooms, Constraint = "slot-grid",
                    Reason = $"{c.Session.Id}: none of its possible starts is a slot start (every {step} min from a window's start); the interval model can place it",
                });
                continue;
            }
            sessions.Add(new SessionCandidates
            {
                Index = c.Index, Session = c.Session, Rooms = rooms, SuitableRooms = c.SuitableRooms,
                Starts = rooms.SelectMany(r => r.Starts).Distinct().Order().ToArray(),
            });
        }
        return space.With(sessions);
    }

    /// <summary>Sessions the lattice would leave without a start although the candidate filter allowed one.</summary>
    public static int Lost(CandidateSpace full, CandidateSpace lattice) =>
        full.Sessions.Zip(lattice.Sessions).Count(x => x.First.Reason is null && x.Second.Reason is not null);

    public static int Step(SchedulingProblem problem, int duration)
    {
        var grid = Math.Max(1, problem.GridMinutes);
        return (duration + grid - 1) / grid * grid;
    }

    private static bool OnLattice(Room room, Dictionary<int, int> opens, int grid, long g, int duration, int step)
    {
        int day = (int)(g / Day), minute = (int)(g % Day);
        var anchor = room.Open?.FirstOrDefault(w => w.Contains(day, minute, minute + duration))?.Start ?? opens.GetValueOrDefault(day);
        anchor = Math.Max(anchor, opens.GetValueOrDefault(day));
        anchor = (anchor + grid - 1) / grid * grid; // a day opening at 9:05 on a quarter-hour grid has its first slot at 9:15
        return minute >= anchor && (minute - anchor) % step == 0;
    }
}
