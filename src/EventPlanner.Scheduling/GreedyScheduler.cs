namespace EventPlanner.Scheduling;

public sealed record Unplaced(string SessionId, string Constraint, string Reason);

public sealed record GreedyResult(IReadOnlyList<Placement> Placements, IReadOnlyList<Unplaced> Unplaced);

/// <summary>
/// First fit by popularity: pinned sessions, then sessions that can keep their draft placement, then the rest from
/// most to least popular, each at the earliest start in the first free room (its track's room first). The baseline
/// the solver must beat, and the solver's hint.
/// </summary>
public static class GreedyScheduler
{
    public static GreedyResult Solve(SchedulingProblem problem) => Solve(new CandidateSpace(problem));

    internal static GreedyResult Solve(CandidateSpace space)
    {
        var problem = space.Problem;
        var roomBusy = problem.Rooms.Select(_ => new bool[space.DayCount * CandidateSpace.DayMinutes]).ToArray();
        var speakerBusy = new Dictionary<string, bool[]>();
        var trackRoom = new Dictionary<string, int>();
        var placements = new List<Placement>();
        var unplaced = new List<Unplaced>();

        bool Free(bool[] busy, long start, int duration)
        {
            for (var g = start; g < start + duration; g++) if (busy[g]) return false;
            return true;
        }
        bool[] SpeakerBusy(string id) => speakerBusy.TryGetValue(id, out var b) ? b : speakerBusy[id] = new bool[space.DayCount * CandidateSpace.DayMinutes];
        bool Fits(SessionCandidates c, int room, long start) =>
            Free(roomBusy[room], start, c.Session.Duration) && c.Session.SpeakerIds.All(sp => Free(SpeakerBusy(sp), start, c.Session.Duration));
        void Take(SessionCandidates c, int room, long start)
        {
            var s = c.Session;
            foreach (var busy in s.SpeakerIds.Distinct().Select(SpeakerBusy).Append(roomBusy[room]))
                for (var g = start; g < start + s.Duration; g++) busy[g] = true;
            if (s.Track is not null) trackRoom.TryAdd(s.Track, room);
            placements.Add(new Placement(s.Id, new Slot(problem.Rooms[room].Id, (int)(start / CandidateSpace.DayMinutes), (int)(start % CandidateSpace.DayMinutes))));
        }
        (int Room, long Start)? DraftOf(SessionCandidates c)
        {
            if (!problem.Draft.TryGetValue(c.Session.Id, out var d) || !space.RoomIndex.TryGetValue(d.RoomId, out var r)) return null;
            long g = d.Day * CandidateSpace.DayMinutes + d.Start;
            return c.Rooms.Any(x => x.Room == r && Array.BinarySearch(x.Starts, g) >= 0) ? (r, g) : null;
        }

        var order = space.Sessions.Where(c => c.Reason is null)
            .OrderBy(c => c.Session.Pinned is not null ? 0 : DraftOf(c) is not null ? 1 : 2)
            .ThenByDescending(c => c.Session.Popularity)
            .ThenBy(c => c.Starts.Length * c.Rooms.Count)
            .ThenBy(c => c.Index);
        foreach (var c in order)
        {
            if (DraftOf(c) is { } draft && Fits(c, draft.Room, draft.Start))
            {
                Take(c, draft.Room, draft.Start);
                continue;
            }
            var preferred = c.Session.Track is not null && trackRoom.TryGetValue(c.Session.Track, out var tr) ? tr : -1;
            var rooms = c.Rooms.OrderBy(x => x.Room == preferred ? 0 : 1).ToList();
            var done = false;
            foreach (var start in c.Starts)
            {
                foreach (var room in rooms)
                {
                    if (Array.BinarySearch(room.Starts, start) < 0 || !Fits(c, room.Room, start)) continue;
                    Take(c, room.Room, start);
                    done = true;
                    break;
                }
                if (done) break;
            }
            if (!done) unplaced.Add(new(c.Session.Id, "room-time", $"{c.Session.Id}: every room and time it may use is taken by other sessions or its speakers' other sessions"));
        }
        foreach (var c in space.Sessions.Where(c => c.Reason is not null))
            unplaced.Add(new(c.Session.Id, c.Constraint!, c.Reason!));
        return new GreedyResult(placements, unplaced);
    }
}
