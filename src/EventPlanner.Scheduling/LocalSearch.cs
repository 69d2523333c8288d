using System.Diagnostics;

namespace EventPlanner.Scheduling;

/// <summary>
/// Moves and swaps on a finished schedule, inside the same candidates (the lattice for the decomposed model), by
/// simulated annealing on the exact objective (<see cref="ObjectiveCost"/>'s terms, kept up to date move by move).
/// CP-SAT's phase 1 is weak at the one part of a FOSDEM-sized event that is a weighted partition (the main-track talks
/// sharing slots six at a time, where every popular pair lies) and at gathering a track into few rooms: on the bench
/// instance 10 s of this search from the greedy hint reached a cost of 6,101–6,233, where the decomposed model's CP-SAT
/// phases had reached 7,359 in 60 s. Every move keeps every hard rule (a start and room from the session's own
/// candidates, the room free, its speakers elsewhere free), so the result is as legal as the schedule it started from;
/// pinned sessions and keynotes stay where they are.
/// </summary>
internal sealed class LocalSearch
{
    private const int Day = CandidateSpace.DayMinutes;
    private const int None = -1;

    private readonly CandidateSpace space;
    private readonly Weights w;
    private readonly SessionCandidates[] c;
    private readonly int[] room, duration, track;
    private readonly long[] start;
    private readonly int[][] occupant; // per room, per global minute: the session there, or None
    private readonly List<(int Other, int CoStars)>[] partners;
    private readonly int[][] speakerMates; // sessions sharing a speaker
    private readonly int[] keynotes, company;
    private readonly int[] trackRoomCount;
    private readonly List<int>[] trackSessions;
    private readonly bool[] movable;
    private readonly Dictionary<int, (int Room, long Start)> draft = [];
    private readonly Dictionary<string, Speaker> preferring;
    private readonly Random random;
    private readonly double guideWeight;

    public long Cost { get; private set; }

    public LocalSearch(CandidateSpace space, IReadOnlyList<Placement> placements, int seed)
    {
        this.space = space;
        var problem = space.Problem;
        w = problem.Weights;
        random = new Random(seed);
        guideWeight = w.TrackRoom / 250.0;
        c = [.. space.Sessions];
        var n = c.Length;
        room = new int[n];
        start = new long[n];
        duration = c.Select(x => x.Session.Duration).ToArray();
        Array.Fill(room, None);
        occupant = problem.Rooms.Select(_ => Enumerable.Repeat(None, space.DayCount * Day).ToArray()).ToArray();

        var index = c.Select((x, i) => (x.Session.Id, i)).ToDictionary(x => x.Id, x => x.i);
        partners = c.Select(_ => new List<(int, int)>()).ToArray();
        foreach (var p in problem.PopularPairs.Where(p => p.CoStars > 0 && p.A != p.B))
            if (index.TryGetValue(p.A, out var a) && index.TryGetValue(p.B, out var b) && c[a].Reason is null && c[b].Reason is null)
            {
                partners[a].Add((b, p.CoStars));
                partners[b].Add((a, p.CoStars));
            }
        var bySpeaker = c.Where(x => x.Reason is null).SelectMany(x => x.Session.SpeakerIds.Distinct().Select(sp => (sp, x.Index)))
            .GroupBy(t => t.sp).ToDictionary(g => g.Key, g => g.Select(t => t.Index).ToList());
        speakerMates = c.Select(x => x.Session.SpeakerIds.Distinct().SelectMany(sp => bySpeaker.GetValueOrDefault(sp) ?? [])
            .Where(j => j != x.Index).Distinct().ToArray()).ToArray();
        var tracks = c.Select(x => x.Session.Track).Where(t => t is not null).Distinct().ToList();
        track = c.Select(x => x.Session.Track is null ? None : tracks.IndexOf(x.Session.Track)).ToArray();
        trackRoomCount = new int[Math.Max(1, tracks.Count) * problem.Rooms.Count];
        trackSessions = tracks.Select(_ => new List<int>()).ToArray();
        keynotes = Enumerable.Range(0, n).Where(i => c[i].Session.Keynote && c[i].Reason is null).ToArray();
        company = new int[n];
        preferring = Preferences.Speakers(problem);
        foreach (var x in c.Where(x => x.Reason is null))
            if (ObjectiveCost.DraftPlace(space, x) is { } place)
                draft[x.Index] = place;

        // The schedule as given; a placement outside the candidates (none is expected) stays put and is never moved.
        // Its cost is counted once from scratch; from then on every move adds its own delta.
        movable = new bool[n];
        foreach (var p in placements)
            if (index.TryGetValue(p.SessionId, out var i) && c[i].Reason is null && space.RoomIndex.TryGetValue(p.Slot.RoomId, out var r) && room[i] == None)
            {
                var g = p.Slot.Day * (long)Day + p.Slot.Start;
                Add(i, r, g);
                movable[i] = c[i].Session.Pinned is null && !c[i].Session.Keynote && Allowed(i, r, g);
            }
        foreach (var k in keynotes.Where(k => room[k] != None))
            company[k] = Enumerable.Range(0, n).Count(j => j != k && room[j] != None && Overlaps(j, start[k], duration[k]));
        Cost = ObjectiveCost.Of(space, Placements());
    }

    public List<Placement> Placements() => Enumerable.Range(0, c.Length).Where(i => room[i] != None)
        .Select(i => new Placement(c[i].Session.Id, new Slot(space.Problem.Rooms[room[i]].Id, (int)(start[i] / Day), (int)(start[i] % Day)))).ToList();

    /// <summary>
    /// Anneals until <paramref name="until"/> (or <paramref name="maxMoves"/> tried) and leaves the best schedule seen in
    /// place. Returns the moves tried. <paramref name="improved"/> hears the best cost when it fell, at most every
    /// quarter second (the organiser's page shows it as progress).
    /// </summary>
    /// <param name="floor">A proven bound: a schedule that reaches it cannot be bettered, so the search stops there.</param>
    public long Run(Stopwatch watch, TimeSpan until, long maxMoves, CancellationToken ct, Action<long>? improved = null, long floor = 0)
    {
        var candidates = Enumerable.Range(0, c.Length).Where(i => movable[i] && c[i].Rooms.Sum(r => r.Starts.Length) > 1).ToArray();
        if (candidates.Length == 0) return 0;
        PlaceUnplaced();
        var sameLength = candidates.GroupBy(i => duration[i]).ToDictionary(x => x.Key, x => x.ToArray());
        var best = Snapshot();
        var bestCost = Cost;
        var from = watch.Elapsed;
        var span = Math.Max(1e-3, (until - from).TotalSeconds);
        const double hot = 20, cold = 0.2;
        var temperature = hot;
        long tried = 0, told = Cost;
        var toldAt = from;
        while (tried < maxMoves)
        {
            if ((tried & 1023) == 0)
            {
                var now = watch.Elapsed;
                if (improved is not null && bestCost < told && now - toldAt >= TimeSpan.FromSeconds(0.25))
                {
                    (told, toldAt) = (bestCost, now);
                    improved(bestCost);
                }
                if (now >= until || ct.IsCancellationRequested || bestCost <= floor) break;
                temperature = hot * Math.Pow(cold / hot, Math.Min(1, (now - from).TotalSeconds / span));
            }
            tried++;
            var a = candidates[random.Next(candidates.Length)];
            int r;
            long g;
            if (random.Next(2) == 0)
            {
                // A swap with a session of the same length: on a five-minute grid a random start rarely is one's.
                var same = sameLength[duration[a]];
                var b = same[random.Next(same.Length)];
                (r, g) = (room[b], start[b]);
                if (b == a || r == None || !Allowed(a, r, g)) continue;
            }
            else
            {
                var rs = c[a].Rooms[random.Next(c[a].Rooms.Count)];
                (r, g) = (rs.Room, rs.Starts[random.Next(rs.Starts.Length)]);
                if (r == room[a] && g == start[a]) continue;
            }
            var delta = TryMove(a, r, g, temperature);
            if (delta is null || Cost >= bestCost) continue;
            bestCost = Cost;
            best = Snapshot();
        }
        Restore(best);
        if (improved is not null && bestCost < told) improved(bestCost);
        return tried;
    }

    // Session a to (r, g): onto a free stretch, or swapped with the one session there if that one can take a's place.
    private long? TryMove(int a, int r, long g, double temperature)
    {
        var b = occupant[r][g];
        if (b == a) b = None;
        int ra = room[a];
        long ga = start[a];
        if (b != None && (!movable[b] || start[b] != g || duration[b] != duration[a] || !Allowed(b, ra, ga))) return null;
        var guide = guideWeight * (Gathering(a, ra, r) + (b == None ? 0 : Gathering(b, r, ra)))
            + Clearing(a, ga, g) + (b == None ? 0 : Clearing(b, g, ga));
        var delta = Remove(a);
        if (b != None) delta += Remove(b);
        if (!Free(a, r, g))
        {
            Undo(a, ra, ga, b, r, g);
            return null;
        }
        delta += Add(a, r, g);
        if (b != None)
        {
            if (!Free(b, ra, ga))
            {
                Remove(a);
                Undo(a, ra, ga, b, r, g);
                return null;
            }
            delta += Add(b, ra, ga);
        }
        var felt = delta - guide;
        if (felt <= 0 || random.NextDouble() < Math.Exp(-felt / temperature))
        {
            Cost += delta;
            return delta;
        }
        Remove(a);
        if (b != None) Remove(b);
        Undo(a, ra, ga, b, r, g);
        return null;
    }

    /// <summary>
    /// How much moving i from room <paramref name="from"/> to <paramref name="to"/> gathers its track (the change of
    /// Σ count² over the track's rooms). A track leaves a room only when its last session there does, so single moves
    /// towards that are free and the search would drift; this small pull (not part of the cost) points them.
    /// </summary>
    private int Gathering(int i, int from, int to)
    {
        if (track[i] == None || from == to) return 0;
        var t = track[i] * occupant.Length;
        return 2 * (trackRoomCount[t + to] - trackRoomCount[t + from] + 1);
    }

    /// <summary>
    /// The same pull for a keynote with company: it is alone only when the last session beside it leaves, so each one
    /// leaving earns its share of the keynote's weight in the acceptance (not in the cost).
    /// </summary>
    private double Clearing(int i, long from, long to)
    {
        double pull = 0;
        if (w.KeynoteNotAlone > 0)
            foreach (var k in keynotes)
                if (room[k] != None && company[k] > 0)
                    pull += ((Overlaps(k, from, duration[i]) ? 1 : 0) - (Overlaps(k, to, duration[i]) ? 1 : 0)) * (double)w.KeynoteNotAlone / company[k];
        return pull;
    }

    private void Undo(int a, int ra, long ga, int b, int rb, long gb)
    {
        Add(a, ra, ga);
        if (b != None) Add(b, rb, gb);
    }

    // Sessions the schedule left out, wherever they fit now (each is worth the Unplaced weight).
    private void PlaceUnplaced()
    {
        foreach (var x in c.Where(x => x.Reason is null && room[x.Index] == None && x.Session.Pinned is null && !x.Session.Keynote))
            foreach (var rs in x.Rooms)
            {
                var g = rs.Starts.FirstOrDefault(g => Free(x.Index, rs.Room, g), -1);
                if (g < 0) continue;
                Cost += Add(x.Index, rs.Room, g);
                movable[x.Index] = true;
                break;
            }
    }

    private bool Allowed(int i, int r, long g) => c[i].Rooms.Any(rs => rs.Room == r && Array.BinarySearch(rs.Starts, g) >= 0);

    // The room free for i's length at g, and none of i's speakers elsewhere then (i itself is not placed).
    private bool Free(int i, int r, long g)
    {
        var row = occupant[r];
        for (var m = g; m < g + duration[i]; m++)
            if (row[m] != None) return false;
        foreach (var j in speakerMates[i])
            if (room[j] != None && Overlaps(j, g, duration[i])) return false;
        return true;
    }

    private bool Overlaps(int j, long g, int d) => start[j] < g + d && g < start[j] + duration[j];

    private long Add(int i, int r, long g)
    {
        long delta = -Absent(i) + Unary(i, r, g);
        foreach (var (j, co) in partners[i])
            if (room[j] != None && Overlaps(j, g, duration[i])) delta += (long)w.PopularClash * co;
        delta += KeynoteCompany(i, g, +1);
        if (track[i] != None)
        {
            if (trackRoomCount[track[i] * occupant.Length + r]++ == 0) delta += w.TrackRoom;
            delta -= TrackGap(track[i], (int)(g / Day));
            trackSessions[track[i]].Add(i);
        }
        room[i] = r;
        start[i] = g;
        Array.Fill(occupant[r], i, (int)g, duration[i]);
        if (track[i] != None) delta += TrackGap(track[i], (int)(g / Day));
        return delta;
    }

    private long Remove(int i)
    {
        int r = room[i];
        long g = start[i];
        long delta = Absent(i) - Unary(i, r, g);
        var day = (int)(g / Day);
        if (track[i] != None) delta -= TrackGap(track[i], day);
        room[i] = None;
        Array.Fill(occupant[r], None, (int)g, duration[i]);
        foreach (var (j, co) in partners[i])
            if (room[j] != None && Overlaps(j, g, duration[i])) delta -= (long)w.PopularClash * co;
        delta += KeynoteCompany(i, g, -1);
        if (track[i] != None)
        {
            if (--trackRoomCount[track[i] * occupant.Length + r] == 0) delta -= w.TrackRoom;
            trackSessions[track[i]].Remove(i);
            delta += TrackGap(track[i], day);
        }
        return delta;
    }

    // What a session left out costs: unplaced, and moved if the draft had it somewhere the candidates allow.
    private long Absent(int i) => w.Unplaced + (w.Move > 0 && draft.ContainsKey(i) ? w.Move : 0);

    // Preferred times and moves from the draft: terms of one session alone.
    private long Unary(int i, int r, long g)
    {
        long cost = 0;
        if (w.PreferredTime > 0 && Preferences.Missed(c[i].Session, preferring, g))
            cost += w.PreferredTime;
        if (w.Move > 0 && draft.TryGetValue(i, out var at) && at != (r, g)) cost += w.Move;
        return cost;
    }

    // A keynote not alone costs once, however many sessions run beside it: counted per keynote.
    private long KeynoteCompany(int i, long g, int sign)
    {
        if (w.KeynoteNotAlone == 0 || c[i].Session.Keynote) return 0;
        long delta = 0;
        foreach (var k in keynotes)
            if (room[k] != None && Overlaps(k, g, duration[i]))
            {
                if (sign > 0 && company[k]++ == 0) delta += w.KeynoteNotAlone;
                if (sign < 0 && --company[k] == 0) delta -= w.KeynoteNotAlone;
            }
        return delta;
    }

    // Idle quarter hours inside a track's day, as ObjectiveCost counts them.
    private long TrackGap(int t, int day) => w.TrackGap == 0 ? 0
        : w.TrackGap * SlotTerms.TrackDayHint(day, trackSessions[t].Where(i => start[i] / Day == day).Select(i => (start[i], duration[i]))).Quarters;

    private (int Room, long Start)[] Snapshot() => Enumerable.Range(0, c.Length).Select(i => (room[i], start[i])).ToArray();

    private void Restore((int Room, long Start)[] snapshot)
    {
        for (var i = 0; i < c.Length; i++)
            if (room[i] != None && (room[i], start[i]) != snapshot[i]) Cost += Remove(i);
        for (var i = 0; i < c.Length; i++)
            if (room[i] == None && snapshot[i].Room != None) Cost += Add(i, snapshot[i].Room, snapshot[i].Start);
    }
}
