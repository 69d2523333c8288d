using System.Diagnostics;
using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>
/// Large-neighbourhood search on a finished schedule: a few dozen sessions are freed at a time and CP-SAT re-places
/// them exactly (the <see cref="SlotModel"/> on the lattice) with every other session fixed where it is. It finds the
/// rearrangements the move-and-swap search cannot reach one session at a time: a long talk traded for two short ones
/// so two tracks sharing two rooms each keep one, a room's day repacked, a keynote moved with everything that must make
/// way for it. A neighbourhood is accepted only when the whole schedule's own cost (<see cref="ObjectiveCost"/>) falls;
/// the fixed sessions the freed ones can meet keep their single place in the model (the others only add a constant),
/// so every result is as legal as the schedule it started from. Pins are never freed.
/// </summary>
internal sealed class LargeNeighbourhood
{
    private const int Day = CandidateSpace.DayMinutes;
    /// <summary>Sessions of a track's neighbourhood freed at once: CP-SAT mostly proves one in a fraction of a second on 2 cores.</summary>
    internal const int MaxFree = 60;

    private readonly CandidateSpace space;
    private readonly Random random;
    private readonly Dictionary<string, SessionCandidates> byId;
    private readonly Dictionary<string, List<(string Other, int CoStars)>> partners;
    private readonly Dictionary<string, List<string>> bySpeaker;
    private readonly Dictionary<string, List<string>> byTrack;
    private readonly Dictionary<string, Speaker> preferring;
    private Dictionary<string, Slot> at;

    public long Cost { get; private set; }
    public int Tried { get; private set; }
    public int Accepted { get; private set; }

    public LargeNeighbourhood(CandidateSpace space, IReadOnlyList<Placement> placements, int seed)
    {
        this.space = space;
        random = new Random(seed);
        byId = space.Sessions.Where(c => c.Reason is null).ToDictionary(c => c.Session.Id);
        at = placements.Where(p => byId.ContainsKey(p.SessionId)).ToDictionary(p => p.SessionId, p => p.Slot);
        partners = PopularPartners.Of(space.Problem);
        bySpeaker = byId.Values.SelectMany(c => c.Session.SpeakerIds.Distinct().Select(sp => (sp, c.Session.Id)))
            .GroupBy(x => x.sp).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList());
        byTrack = byId.Values.Where(c => c.Session.Track is not null).GroupBy(c => c.Session.Track!)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Session.Id).ToList());
        preferring = Preferences.Speakers(space.Problem);
        Cost = ObjectiveCost.Of(space, Placements());
    }

    public List<Placement> Placements() => at.Select(kv => new Placement(kv.Key, kv.Value)).ToList();

    /// <summary>
    /// Neighbourhoods until <paramref name="until"/> (or <paramref name="maxTries"/> of them); each sub-solve gets at
    /// most <paramref name="perSolve"/> of it (1.5 s: one that does not finish by then is rarely one that would gain).
    /// It stops at <paramref name="floor"/>, a proven bound: nothing is cheaper.
    /// </summary>
    public void Run(Stopwatch watch, TimeSpan until, string parameters, CancellationToken ct, Action<long>? improved = null,
        int maxTries = int.MaxValue, TimeSpan? perSolve = null, long floor = 0)
    {
        var empty = 0;
        while (!ct.IsCancellationRequested && Tried < maxTries && Cost > floor && until - watch.Elapsed > TimeSpan.FromSeconds(0.5))
        {
                        var (free, starts) = Pick();
            if (free.Count == 0)
            {
                // A keynote whose new place overlaps a pin or another keynote: pick again, but not forever.
                if (++empty > 100) return;
                continue;
            }
            empty = 0;
            Tried++;
            var limit = TimeSpan.FromSeconds(Math.Min((perSolve ?? TimeSpan.FromSeconds(1.5)).TotalSeconds, (until - watch.Elapsed).TotalSeconds));
            if (Solve(free, parameters, limit, ct, starts) is not null)
            {
                Accepted++;
                improved?.Invoke(Cost);
            }
        }
    }

    /// <summary>Re-places <paramref name="free"/> exactly; the new cost when the whole schedule got cheaper, else null.</summary>
    internal long? Solve(IReadOnlyCollection<string> free, string parameters, TimeSpan limit, CancellationToken ct,
        IReadOnlyDictionary<string, long[]>? starts = null)
    {
        var freed = free.Where(id => byId.ContainsKey(id)).ToHashSet();
        var rooms = freed.SelectMany(id => byId[id].Rooms.Select(r => r.Room)).ToHashSet();
        // Fixed sessions the freed ones can meet: in a room they may use, sharing a speaker, a popular partner, a
        // track-mate (track rooms and gaps), a keynote (alone or not). The rest only add a constant to the objective.
        var keep = new HashSet<string>(freed);
        foreach (var (id, slot) in at)
        {
            var c = byId[id];
            if (rooms.Contains(space.RoomIndex[slot.RoomId]) || c.Session.Keynote) keep.Add(id);
        }
        foreach (var id in freed)
        {
            var s = byId[id].Session;
            foreach (var sp in s.SpeakerIds) keep.UnionWith(bySpeaker.GetValueOrDefault(sp) ?? []);
            foreach (var (other, _) in partners.GetValueOrDefault(id) ?? []) keep.Add(other);
            if (s.Track is not null) keep.UnionWith(byTrack[s.Track]);
        }
        var sessions = space.Sessions.Select(c =>
        {
            if (c.Reason is not null) return c;
            if (freed.Contains(c.Session.Id))
                return starts?.GetValueOrDefault(c.Session.Id) is { } only ? Only(c, only) : c;
            if (!keep.Contains(c.Session.Id) || !at.TryGetValue(c.Session.Id, out var slot))
                return Fixed(c, null);
            return Fixed(c, (space.RoomIndex[slot.RoomId], slot.Day * (long)Day + slot.Start));
        }).ToList();
        var sub = space.With(sessions);
        var model = new SlotModel(sub, placeAll: freed.All(at.ContainsKey));
        model.Build();
        model.Hint(Placements());
        var solver = new CpSolver { StringParameters = DecomposedSolve.WithTime(parameters, limit) };
        CpSolverStatus status;
        using (ct.Register(solver.StopSearch))
            status = solver.Solve(model.Cp);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        var placed = model.Read(solver).ToDictionary(p => p.SessionId, p => p.Slot);
        var next = new Dictionary<string, Slot>(at);
        foreach (var id in freed)
        {
            if (placed.TryGetValue(id, out var slot)) next[id] = slot;
            else next.Remove(id);
        }
        var cost = ObjectiveCost.Of(space, next.Select(kv => new Placement(kv.Key, kv.Value)).ToList());
        if (cost >= Cost) return null;
        at = next;
        Cost = cost;
        return cost;
    }

    // Outside the neighbourhood: its one place (the model fixes it), or out of the model (Reason set) when it cannot
    // meet the freed sessions.
    private static SessionCandidates Fixed(SessionCandidates c, (int Room, long Start)? place) => place is { } p
        ? new SessionCandidates { Index = c.Index, Session = c.Session, Rooms = [new RoomStarts(p.Room, [p.Start])], Starts = [p.Start], SuitableRooms = c.SuitableRooms }
        : new SessionCandidates { Index = c.Index, Session = c.Session, Rooms = [], Starts = [], SuitableRooms = c.SuitableRooms, Reason = "fixed", Constraint = "fixed" };

    // A freed session offered only some of its starts (a keynote: where it is and where it is tried).
    private static SessionCandidates Only(SessionCandidates c, long[] starts)
    {
        var rooms = c.Rooms.Select(r => new RoomStarts(r.Room, r.Starts.Where(starts.Contains).ToArray())).Where(r => r.Starts.Length > 0).ToList();
        return new SessionCandidates { Index = c.Index, Session = c.Session, Rooms = rooms, Starts = rooms.SelectMany(r => r.Starts).Distinct().Order().ToArray(), SuitableRooms = c.SuitableRooms };
    }

    /// <summary>
    /// A neighbourhood, chosen at random: a keynote tried elsewhere (a quarter of the time, when there is one); a track,
    /// the more likely the more it costs (rooms beyond its first, preference misses), with every session in the rooms
    /// its sessions may use; or the sessions of one session's rooms within a few hours of it, the session most often
    /// one in a popular-pair clash or missing its speakers' times.
    /// </summary>
    internal (List<string> Free, Dictionary<string, long[]>? Starts) Pick()
    {
        var movable = byId.Values.Where(c => c.Session.Pinned is null && at.ContainsKey(c.Session.Id)).ToList();
        if (movable.Count == 0) return ([], null);
        var keynotes = movable.Where(c => c.Session.Keynote && c.Starts.Length > 1).ToList();
        var roll = random.NextDouble();
        if (keynotes.Count > 0 && roll < 0.25) return KeynoteNeighbourhood(keynotes[random.Next(keynotes.Count)]);
        if (!movable.Any(c => !c.Session.Keynote)) return ([], null);
        return (roll < 0.6 && byTrack.Count > 0 ? TrackNeighbourhood() : WindowNeighbourhood(), null);
    }

    /// <summary>
    /// A keynote (with the keynote right after it, half the time: one keynote's hour rarely fits a longer talk) tried
    /// at another of its starts: every session overlapping the new place is freed (a keynote empties every room), with
    /// up to ten sessions that miss their speakers' times (the keynote's old place frees every room).
    /// </summary>
    internal (List<string>, Dictionary<string, long[]>?) KeynoteNeighbourhood(SessionCandidates k, long? target = null, bool? pair = null)
    {
        long Start(string id) => at[id].Day * (long)Day + at[id].Start;
        var from = Start(k.Session.Id);
        var next = pair ?? random.NextDouble() < 0.5
            ? byId.Values.FirstOrDefault(c => c.Session.Keynote && c.Session.Pinned is null && at.ContainsKey(c.Session.Id) && Start(c.Session.Id) == from + k.Session.Duration)
            : null;
        var others = k.Starts.Where(g => g != from && (next is null || Array.BinarySearch(next.Starts, g + k.Session.Duration) >= 0)).ToList();
        if (others.Count == 0) return ([], null);
        var to = target ?? others[random.Next(others.Count)];
        var length = k.Session.Duration + (next?.Session.Duration ?? 0);
        var moving = next is null ? new[] { k.Session.Id } : [k.Session.Id, next.Session.Id];
        var free = at.Where(kv => !moving.Contains(kv.Key) && Overlaps(kv.Value, byId[kv.Key].Session.Duration, to, length)).Select(kv => kv.Key).ToList();
        if (free.Any(id => byId[id].Session.Keynote || byId[id].Session.Pinned is not null)) return ([], null);
        free = Bounded(free, 3 * MaxFree);
        free.AddRange(at.Keys.Where(id => !free.Contains(id) && byId[id].Session.Pinned is null && !byId[id].Session.Keynote
            && Preferences.Missed(byId[id].Session, preferring, at[id].Day, at[id].Start)).Take(10));
        free.AddRange(moving);
        var starts = new Dictionary<string, long[]> { [k.Session.Id] = [from, to] };
        if (next is not null) starts[next.Session.Id] = [Start(next.Session.Id), to + k.Session.Duration];
        return (free, starts);
    }

    private static bool Overlaps(Slot s, int duration, long g, int length) =>
        s.Day == g / Day && s.Start < g % Day + length && g % Day < s.Start + duration;

    private List<string> TrackNeighbourhood()
    {
        var costs = byTrack.Select(t => (Track: t.Key, Cost: TrackCost(t.Value))).ToList();
        var total = costs.Sum(x => x.Cost + 1.0);
        var roll = random.NextDouble() * total;
        var seed = costs[^1].Track;
        foreach (var (t, cost) in costs)
            if ((roll -= cost + 1.0) < 0) { seed = t; break; }
        // Half the time the tracks that share its rooms come too, with theirs, whole tracks while they fit: moving a
        // track out of a shared room needs room in that track's other room.
        var tracks = new List<string> { seed };
        if (random.NextDouble() < 0.5)
            tracks.AddRange(InRoomsOf(seed).Select(id => byId[id].Session.Track).OfType<string>().Distinct()
                .Where(t => t != seed).OrderBy(_ => random.Next()));
        var cap = tracks.Count > 1 ? MaxFree * 3 / 2 : MaxFree;
        var free = new HashSet<string>();
        foreach (var t in tracks)
        {
            var more = new HashSet<string>(free);
            more.UnionWith(byTrack[t]);
            more.UnionWith(InRoomsOf(t));
            if (free.Count > 0 && more.Count > cap) break;
            free = more;
        }
        return Bounded([.. free], cap);
    }

    // Every session placed in a room some session of the track may use.
    private IEnumerable<string> InRoomsOf(string track)
    {
        var rooms = byTrack[track].SelectMany(id => byId[id].Rooms.Select(r => r.Room)).ToHashSet();
        return at.Where(kv => rooms.Contains(space.RoomIndex[kv.Value.RoomId])).Select(kv => kv.Key);
    }

    private double TrackCost(List<string> ids)
    {
        var w = space.Problem.Weights;
        var placed = ids.Where(at.ContainsKey).ToList();
        var roomsUsed = placed.Select(id => at[id].RoomId).Distinct().Count();
        var misses = placed.Count(id => Preferences.Missed(byId[id].Session, preferring, at[id].Day, at[id].Start));
        return w.TrackRoom * Math.Max(0, roomsUsed - 1) + w.PreferredTime * misses;
    }

    private List<string> WindowNeighbourhood()
    {
        // A costly session's rooms (its track's) around its time: where a clash or a miss can be traded.
        var ids = at.Keys.Where(id => byId[id].Session.Pinned is null && !byId[id].Session.Keynote).ToList();
        var costly = ids.Where(SessionCosts).ToList();
        var pivot = costly.Count > 0 && random.NextDouble() < 0.8 ? costly[random.Next(costly.Count)] : ids[random.Next(ids.Count)];
        var rooms = byId[pivot].Rooms.Select(r => r.Room).ToHashSet();
        var slot = at[pivot];
        var from = slot.Start - 120 - random.Next(120);
        var to = slot.Start + 120 + random.Next(120);
        var free = at.Where(kv => kv.Value.Day == slot.Day && kv.Value.Start >= from && kv.Value.Start < to && rooms.Contains(space.RoomIndex[kv.Value.RoomId]))
            .Select(kv => kv.Key).ToList();
        // Smaller than a track's: where the popular pairs are dense (the main track's talks) CP-SAT proves 30 sessions
        // in the 1.5 s only now and then, and 12 to 24 in a fraction of it.
        return Bounded(free, 12 + random.Next(13));
    }

    // A clash with a popular partner or a missed preference: where a neighbourhood can gain.
    private bool SessionCosts(string id)
    {
        var s = byId[id].Session;
        var slot = at[id];
        if (Preferences.Missed(s, preferring, slot.Day, slot.Start)) return true;
        foreach (var (other, _) in partners.GetValueOrDefault(id) ?? [])
            if (at.TryGetValue(other, out var o) && Overlaps(o, byId[other].Session.Duration, slot.Day * (long)Day + slot.Start, s.Duration))
                return true;
        return false;
    }

    private List<string> Bounded(List<string> ids, int max = MaxFree)
    {
        var movable = ids.Distinct().Where(id => byId[id].Session.Pinned is null && !byId[id].Session.Keynote).ToList();
        while (movable.Count > max) movable.RemoveAt(random.Next(movable.Count));
        return movable;
    }
}
