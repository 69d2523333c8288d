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

    /// <summary>
    /// The same order, but each session takes the start and room that add the least to the objective given what is
    /// already placed — co-stars in clash, a keynote's company, a missed preferred time, a room its track does not use
    /// yet, each at its weight (then the earliest): a much better hint than plain first fit, at the same cost.
    /// </summary>
    public static GreedyResult SolveAvoidingClashes(SchedulingProblem problem) => Solve(new CandidateSpace(problem), avoidClashes: true);

    internal static GreedyResult Solve(CandidateSpace space, bool avoidClashes = false)
    {
        var problem = space.Problem;
        var roomBusy = problem.Rooms.Select(_ => new bool[space.DayCount * CandidateSpace.DayMinutes]).ToArray();
        var speakerBusy = new Dictionary<string, bool[]>();
        var trackRoom = new Dictionary<string, int>();
        var trackRooms = new Dictionary<string, HashSet<int>>();
        var preferring = Preferences.Speakers(problem);
        var placements = new List<Placement>();
        var unplaced = new List<Unplaced>();
        var placedAt = new Dictionary<string, (SessionToPlace Session, long Start)>();
        var placedKeynotes = new List<(SessionToPlace Session, long Start)>();

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
            if (s.Track is not null)
            {
                trackRoom.TryAdd(s.Track, room);
                (trackRooms.TryGetValue(s.Track, out var used) ? used : trackRooms[s.Track] = []).Add(room);
            }
            placedAt[s.Id] = (s, start);
            if (s.Keynote) placedKeynotes.Add((s, start));
            placements.Add(new Placement(s.Id, new Slot(problem.Rooms[room].Id, (int)(start / CandidateSpace.DayMinutes), (int)(start % CandidateSpace.DayMinutes))));
        }
        (int Room, long Start)? DraftOf(SessionCandidates c)
        {
            if (!problem.Draft.TryGetValue(c.Session.Id, out var d) || !space.RoomIndex.TryGetValue(d.RoomId, out var r)) return null;
            long g = d.Day * CandidateSpace.DayMinutes + d.Start;
            return c.Rooms.Any(x => x.Room == r && Array.BinarySearch(x.Starts, g) >= 0) ? (r, g) : null;
        }

        var partners = PopularPartners.Of(problem);
        bool Overlaps(SessionToPlace s, long start, (SessionToPlace Session, long Start) o) =>
            o.Start < start + s.Duration && start < o.Start + o.Session.Duration;
        long ClashCost(SessionCandidates c, long start)
        {
            // A keynote wants its slot to itself: it counts everything beside it, and everything avoids it.
            long cost = c.Session.Keynote
                ? placedAt.Values.Count(o => Overlaps(c.Session, start, o)) * (long)problem.Weights.KeynoteNotAlone
                : placedKeynotes.Count(o => Overlaps(c.Session, start, o)) * (long)problem.Weights.KeynoteNotAlone;
            if (!partners.TryGetValue(c.Session.Id, out var list)) return cost;
            foreach (var (other, coStars) in list)
                if (placedAt.TryGetValue(other, out var o) && o.Start < start + c.Session.Duration && start < o.Start + o.Session.Duration)
                    cost += coStars;
            return cost;
        }

        long PreferenceCost(SessionToPlace s, long start) => Preferences.Missed(s, preferring, start) ? problem.Weights.PreferredTime : 0;
        (int Room, long Start)? Cheapest(SessionCandidates c)
        {
            var used = c.Session.Track is not null && trackRooms.TryGetValue(c.Session.Track, out var u) ? u : null;
            (int Room, long Start)? best = null;
            var bestCost = long.MaxValue;
            // Keynotes come first, when every start is as cheap: spread over the days (the day with the fewest keynote
            // minutes first), not stacked at the first day's opening, where they took every room's morning from the
            // speakers who can come only that morning (4 stars-by-track misses at FOSDEM scale; see the README).
            var starts = c.Session.Keynote
                ? c.Starts.OrderBy(g => placedKeynotes.Where(k => k.Start / CandidateSpace.DayMinutes == g / CandidateSpace.DayMinutes).Sum(k => k.Session.Duration)).ThenBy(g => g)
                : (IEnumerable<long>)c.Starts;
            foreach (var start in starts)
            {
                var timeCost = ClashCost(c, start) + PreferenceCost(c.Session, start);
                if (timeCost >= bestCost) continue;
                foreach (var room in c.Rooms)
                {
                    var cost = timeCost + (used is not null && !used.Contains(room.Room) ? problem.Weights.TrackRoom : 0);
                    if (cost >= bestCost || Array.BinarySearch(room.Starts, start) < 0 || !Fits(c, room.Room, start)) continue;
                    (best, bestCost) = ((room.Room, start), cost);
                }
            }
            return best;
        }

        if (avoidClashes) HomeRooms(space, trackRooms);

        var order = space.Sessions.Where(c => c.Reason is null)
            .OrderBy(c => c.Session.Pinned is not null ? 0 : DraftOf(c) is not null ? 1 : avoidClashes && c.Session.Keynote ? 2 : 3)
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
            if (avoidClashes)
            {
                if (Cheapest(c) is { } best) Take(c, best.Room, best.Start);
                else unplaced.Add(new(c.Session.Id, "room-time", $"{c.Session.Id}: every room and time it may use is taken by other sessions or its speakers' other sessions"));
                continue;
            }
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

    /// <summary>
    /// A home room per track before anything is placed, so the first session of a track does not take whichever
    /// room is free and leave the rest of its track to spill over: the largest tracks first, each into the room all
    /// its sessions may use that has the most free minutes left after the tracks already given a home there.
    /// </summary>
    private static void HomeRooms(CandidateSpace space, Dictionary<string, HashSet<int>> trackRooms)
    {
        var left = space.RoomFree.Select(free => (long)free.Count(f => f)).ToArray();
        var tracks = space.Sessions.Where(c => c.Reason is null && c.Session.Track is not null && c.Session.Pinned is null)
            .GroupBy(c => c.Session.Track!).OrderByDescending(g => g.Sum(c => c.Session.Duration)).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var track in tracks)
        {
            var shared = track.Select(c => c.Rooms.Select(r => r.Room)).Aggregate((a, b) => a.Intersect(b)).ToList();
            if (shared.Count == 0) continue;
            var minutes = track.Sum(c => (long)c.Session.Duration);
            var home = shared.OrderByDescending(r => left[r]).ThenBy(r => r).First();
            if (left[home] < minutes) continue;
            left[home] -= minutes;
            trackRooms[track.Key] = [home];
        }
    }
}
