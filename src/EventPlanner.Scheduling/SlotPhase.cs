using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>
/// Phase 1 of the decomposed model: sessions into time slots, no rooms. One literal y[session, start] per start on
/// the <see cref="SlotLattice"/> (a pin is its one start, fixed). Rooms enter only as counts: for a set S of rooms,
/// the sessions whose candidate rooms at their start all lie in S and that cover a slot start p are at most the rooms
/// of S free at p. That is Hall's condition for the sets given — each distinct candidate room set, all rooms, and the
/// cuts <see cref="RoomPhase"/> hands back when a time point cannot be matched — so every count is a necessary
/// condition and the phase's bound stays a lower bound of the whole problem.
/// Every time-only term is as in <see cref="SlotModel"/> (clashes, preferred times, keynotes alone, track gaps; shared
/// in <see cref="SlotTerms"/>). Two terms need rooms and are replaced by lower bounds of themselves: a track's rooms by
/// an assignment of sessions to rooms without times (room minutes counted, see <see cref="TrackRooms"/>), a kept draft
/// by "kept the draft's start"; <see cref="RoomPhase"/> adds what the rooms really cost.
/// </summary>
internal sealed class SlotPhase(CandidateSpace space, IReadOnlyList<int[]> cuts, bool placeAll = false) : ISolverModel
{
    private const int Day = CandidateSpace.DayMinutes;
    public CpModel Cp { get; } = new();
    private readonly SchedulingProblem problem = space.Problem;
    private readonly Dictionary<int, Vars> vars = [];
    private readonly LinearExprBuilder objective = LinearExpr.NewBuilder();
    private readonly Dictionary<string, (Dictionary<int, BoolVar> Uses, List<int> Sessions)> tracks = [];
    private readonly Dictionary<int, Dictionary<int, BoolVar>> assigned = [];
    private SlotTerms terms = null!;

    /// <summary>A session's starts, each with the rooms it may use there (ascending room indices).</summary>
    internal sealed record Vars(SessionCandidates C, BoolVar Placed, SortedDictionary<long, BoolVar> Slots, Dictionary<long, int[]> Rooms)
    {
        public int Duration => C.Session.Duration;
    }

    public int RoomSets { get; private set; }

    public void Build()
    {
        var w = problem.Weights;
        foreach (var c in space.Sessions.Where(c => c.Reason is null))
        {
            var rooms = c.Rooms.SelectMany(rs => rs.Starts.Select(g => (g, rs.Room))).GroupBy(x => x.g)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Room).Distinct().Order().ToArray());
            var slots = new SortedDictionary<long, BoolVar>();
            foreach (var g in rooms.Keys.Order()) slots[g] = Cp.NewBoolVar($"y_{c.Index}_{g}");
            var placed = SlotTerms.Placed(Cp, objective, c.Index, slots.Values, c.Session.Pinned is not null || placeAll, w.Unplaced);
            vars[c.Index] = new Vars(c, placed, slots, rooms);
        }

        foreach (var speaker in vars.Values.SelectMany(v => v.C.Session.SpeakerIds.Distinct().Select(sp => (sp, v))).GroupBy(x => x.sp).Where(g => g.Count() > 1))
            SlotTerms.AtMostPerPoint(Cp, speaker.SelectMany(x => x.v.Slots.Select(kv => (kv.Key, kv.Key + x.v.Duration, kv.Value))).ToList());
        RoomCounts();

        terms = new SlotTerms(Cp, objective, problem, vars.ToDictionary(kv => kv.Key, kv => new LatticeSession(kv.Value.C, kv.Value.Placed, kv.Value.Slots)));
        terms.AddClashes();

        if (w.TrackRoom > 0) TrackRooms(w.TrackRoom);
        terms.AddTimeTerms();

        // Kept in time: the draft's start, when the draft's room may be used there. A move to another room at the same
        // start is the room phase's to count.
        if (w.Move > 0)
            foreach (var v in vars.Values)
            {
                if (!problem.Draft.ContainsKey(v.C.Session.Id)) continue;
                // A draft no candidate expresses is no term, as in the other models (ObjectiveCost agrees).
                if (DraftStart(v) is { } y)
                {
                    objective.AddTerm(y, -w.Move);
                    objective.Add(w.Move);
                }
            }

        Cp.Minimize(objective);
    }

    internal BoolVar? DraftStart(Vars v) =>
        problem.Draft.TryGetValue(v.C.Session.Id, out var d) && space.RoomIndex.TryGetValue(d.RoomId, out var r)
        && v.Rooms.TryGetValue(d.Day * (long)Day + d.Start, out var rooms) && Array.BinarySearch(rooms, r) >= 0
            ? v.Slots[d.Day * (long)Day + d.Start] : null;

    /// <summary>
    /// Hall's condition at every slot start for each distinct candidate room set, for all rooms together, and for the
    /// room phase's cuts: the sessions confined to S that run at p are at most the rooms of S free at p.
    /// </summary>
    private void RoomCounts()
    {
        var sets = vars.Values.SelectMany(v => v.Rooms.Values).Concat(cuts)
            .Append(Enumerable.Range(0, problem.Rooms.Count).ToArray())
            .Select(s => string.Join(',', s)).Distinct().Select(k => k.Length == 0 ? [] : k.Split(',').Select(int.Parse).ToArray()).ToList();
        var entries = vars.Values.SelectMany(v => v.Slots.Select(kv => (Start: kv.Key, End: kv.Key + v.Duration, Lit: kv.Value, Rooms: v.Rooms[kv.Key]))).ToList();
        foreach (var set in sets)
        {
            var inSet = set.ToHashSet();
            var confined = entries.Where(e => e.Rooms.All(inSet.Contains)).Select(e => (e.Start, e.End, e.Lit)).ToList();
            if (confined.Count <= set.Length) continue; // never more sessions than rooms: nothing to count
            RoomSets++;
            SlotTerms.AtMostPerPoint(Cp, confined, p => set.Count(r => space.RoomFree[r][p]));
        }
    }

    /// <summary>
    /// The track-room term as <see cref="TrackRoomAssignment"/> (rooms without times, each room's free minutes
    /// counted), TrackRoom per (track, room) pair, and Σ u ≥ the track's most sessions running at once.
    /// </summary>
    private void TrackRooms(int weight)
    {
        var built = TrackRoomAssignment.Build(Cp, vars.Values.Where(v => v.C.Session.Track is not null)
            .Select(v => (v.C.Index, v.C.Session.Track!, v.Duration, v.Rooms.Values.SelectMany(r => r).Distinct().Order().ToArray(), v.Placed)));
        foreach (var (r, load) in built.Load) Cp.Add(load <= TrackRoomAssignment.FreeMinutes(space, r));
        foreach (var (i, z) in built.Assigned) assigned[i] = z;
        foreach (var track in vars.Values.Where(v => v.C.Session.Track is not null).GroupBy(v => v.C.Session.Track!))
        {
            var uses = built.Uses[track.Key];
            foreach (var u in uses.Values) objective.AddTerm(u, weight);
            var all = LinearExpr.Sum(uses.Values);
            // At least as many rooms as sessions running at once.
            SlotTerms.CoverPoints(track.SelectMany(v => v.Slots.Select(kv => (kv.Key, kv.Key + v.Duration, kv.Value))).ToList(),
                (lits, _) => { if (lits.Count > 1) Cp.Add(all >= LinearExpr.Sum(lits)); });
            tracks[track.Key] = (uses, track.Select(v => v.C.Index).ToList());
        }
    }

    /// <summary>Hints the starts of a legal schedule (rooms are ignored) and every auxiliary consistently with them.</summary>
    public void Hint(IReadOnlyList<Placement> placements)
    {
        var hinted = new HashSet<int>();
        void H(IntVar v, long value)
        {
            if (hinted.Add(v.GetIndex())) Cp.AddHint(v, value);
        }
        var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
        var at = new Dictionary<int, long>();
        foreach (var p in placements)
            if (index.TryGetValue(p.SessionId, out var i) && vars[i].Slots.ContainsKey(p.Slot.Day * (long)Day + p.Slot.Start))
                at[i] = p.Slot.Day * (long)Day + p.Slot.Start;
        foreach (var v in vars.Values)
        {
            var has = at.TryGetValue(v.C.Index, out var x);
            foreach (var (g, y) in v.Slots) H(y, has && g == x ? 1 : 0);
            H(v.Placed, has ? 1 : 0);
        }
        // The assignment: the hint's own rooms (a legal schedule's rooms satisfy every minute count).
        var roomOf = placements.Where(p => index.ContainsKey(p.SessionId) && at.ContainsKey(index[p.SessionId]))
            .ToDictionary(p => index[p.SessionId], p => space.RoomIndex.GetValueOrDefault(p.Slot.RoomId, -1));
        foreach (var (uses, sessions) in tracks.Values)
        {
            foreach (var i in sessions)
                foreach (var (r, z) in assigned[i]) H(z, roomOf.TryGetValue(i, out var room) && room == r ? 1 : 0);
            foreach (var (r, u) in uses) H(u, sessions.Any(i => roomOf.TryGetValue(i, out var room) && room == r) ? 1 : 0);
        }
        terms.Hint(at, H);
    }

    /// <summary>Not used: phase 1 has no rooms; see <see cref="Starts"/>.</summary>
    public List<Placement> Read(CpSolver solver) => throw new NotSupportedException("the slot phase chooses starts only");

    /// <summary>The chosen start of every placed session, and the room phase 1 assigned it (track sessions only).</summary>
    public (Dictionary<int, long> Starts, Dictionary<int, int> Rooms) Starts(CpSolver solver)
    {
        var starts = vars.Values.Where(v => solver.BooleanValue(v.Placed))
            .ToDictionary(v => v.C.Index, v => v.Slots.First(kv => solver.BooleanValue(kv.Value)).Key);
        var rooms = assigned.Where(kv => starts.ContainsKey(kv.Key) && kv.Value.Any(z => solver.BooleanValue(z.Value)))
            .ToDictionary(kv => kv.Key, kv => kv.Value.First(z => solver.BooleanValue(z.Value)).Key);
        return (starts, rooms);
    }

    public IReadOnlyDictionary<int, Vars> Sessions => vars;
}
