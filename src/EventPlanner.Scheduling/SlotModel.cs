using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>What <see cref="CpSatScheduler"/> needs from a CP-SAT formulation.</summary>
internal interface ISolverModel
{
    CpModel Cp { get; }
    void Build();
    void Hint(IReadOnlyList<Placement> placements);
    List<Placement> Read(CpSolver solver);
}

/// <summary>
/// The slot model: one literal x[session, room, slot] per candidate placement on the <see cref="SlotLattice"/>, and
/// y[session, slot] = Σ rooms x. Everything between sessions is a count at a time point: at every slot start p, at most
/// one x covering p per room and at most one y covering p per speaker (two intervals overlap exactly when one's start
/// lies inside the other, so the slot starts are the only points to check). Soft terms are linear in these literals:
/// a popular pair's clash ≥ y[a, s] + Σ y[b, s' overlapping s] − 1, a track's room use ≥ Σ slots x[i, r, ·], a
/// preference miss = Σ y outside it, a keynote alone at s empties every y overlapping s, a stay is the draft's x.
/// Their linear relaxation is tight where the interval model's disjunctions (a before b, b before a) have none,
/// which is what lets CP-SAT prove a bound at FOSDEM scale. The room is chosen in the same model, so there is no
/// separate room phase whose feasibility or cost the bound would have to leave out.
/// </summary>
internal sealed class SlotModel(CandidateSpace space) : ISolverModel
{
    private const int Day = CandidateSpace.DayMinutes;
    public CpModel Cp { get; } = new();
    private readonly SchedulingProblem problem = space.Problem;
    private readonly Dictionary<int, SessionVars> vars = [];
    private readonly LinearExprBuilder objective = LinearExpr.NewBuilder();
    private readonly List<(BoolVar Clash, int A, int B)> pairs = [];
    private readonly Dictionary<(string Track, int Room), BoolVar> trackRooms = [];
    private readonly List<(BoolVar Miss, HashSet<long> Ok, int Session)> preferences = [];
    private readonly List<(BoolVar Alone, Dictionary<long, BoolVar> At, int Session)> keynotes = [];
    private readonly List<(int Day, List<int> Sessions, IntVar First, IntVar Last, IntVar Gap)> trackDays = [];
    private readonly Dictionary<(int Session, int Day), BoolVar> onDay = [];

    private sealed record SessionVars(SessionCandidates C, BoolVar Placed, SortedDictionary<long, BoolVar> Slots, Dictionary<(int Room, long Start), BoolVar> At)
    {
        public int Duration => C.Session.Duration;
        public bool Overlaps(long g, long otherStart, int otherDuration) => g < otherStart + otherDuration && otherStart < g + Duration;
    }

    public void Build()
    {
        var w = problem.Weights;
        foreach (var c in space.Sessions.Where(c => c.Reason is null))
        {
            var at = new Dictionary<(int Room, long Start), BoolVar>();
            foreach (var rs in c.Rooms)
                foreach (var g in rs.Starts) at[(rs.Room, g)] = Cp.NewBoolVar($"x_{c.Index}_{rs.Room}_{g}");
            var slots = new SortedDictionary<long, BoolVar>();
            foreach (var group in at.GroupBy(kv => kv.Key.Start))
            {
                var lits = group.Select(kv => kv.Value).ToList();
                if (lits.Count == 1) slots[group.Key] = lits[0];
                else
                {
                    var y = Cp.NewBoolVar($"y_{c.Index}_{group.Key}");
                    Cp.Add(LinearExpr.Sum(lits) == y);
                    slots[group.Key] = y;
                }
            }
            BoolVar placed;
            if (slots.Count == 1) placed = slots.Values.First();
            else
            {
                placed = Cp.NewBoolVar($"placed_{c.Index}");
                Cp.Add(LinearExpr.Sum(slots.Values) == placed);
            }
            if (c.Session.Pinned is not null) Cp.Add(placed == 1);
            objective.AddTerm(placed.Not(), w.Unplaced);
            vars[c.Index] = new SessionVars(c, placed, slots, at);
        }

        // One session per room and one place per speaker, as counts at the slot starts.
        foreach (var room in vars.Values.SelectMany(v => v.At.Select(kv => (kv.Key.Room, kv.Key.Start, End: kv.Key.Start + v.Duration, Lit: kv.Value))).GroupBy(e => e.Room))
            AtMostOnePerPoint(room.Select(e => (e.Start, e.End, e.Lit)).ToList());
        foreach (var speaker in vars.Values.SelectMany(v => v.C.Session.SpeakerIds.Distinct().Select(sp => (sp, v))).GroupBy(x => x.sp).Where(g => g.Count() > 1))
            AtMostOnePerPoint(speaker.SelectMany(x => x.v.Slots.Select(kv => (kv.Key, kv.Key + x.v.Duration, kv.Value))).ToList());

        var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
        if (w.PopularClash > 0)
            foreach (var p in problem.PopularPairs.Where(p => p.CoStars > 0))
            {
                if (!index.TryGetValue(p.A, out var a) || !index.TryGetValue(p.B, out var b) || a == b) continue;
                var (va, vb) = vars[a].Slots.Count <= vars[b].Slots.Count ? (vars[a], vars[b]) : (vars[b], vars[a]);
                var rows = va.Slots.Select(s => (Y: s.Value, Beside: vb.Slots.Where(o => va.Overlaps(s.Key, o.Key, vb.Duration)).Select(o => o.Value).ToList()))
                    .Where(r => r.Beside.Count > 0).ToList();
                if (rows.Count == 0) continue;
                var clash = Cp.NewBoolVar($"clash_{a}_{b}");
                foreach (var (y, beside) in rows) Cp.Add(y + LinearExpr.Sum(beside) <= 1 + clash);
                objective.AddTerm(clash, (long)w.PopularClash * p.CoStars);
                pairs.Add((clash, a, b));
            }

        if (w.TrackRoom > 0)
            foreach (var v in vars.Values.Where(v => v.C.Session.Track is not null))
                foreach (var room in v.At.GroupBy(kv => kv.Key.Room))
                {
                    var key = (v.C.Session.Track!, room.Key);
                    if (!trackRooms.TryGetValue(key, out var uses))
                    {
                        trackRooms[key] = uses = Cp.NewBoolVar($"track_{key.Item1}_{room.Key}");
                        objective.AddTerm(uses, w.TrackRoom);
                    }
                    Cp.Add(LinearExpr.Sum(room.Select(kv => kv.Value)) <= uses);
                }

        if (w.TrackGap > 0) TrackGaps(w.TrackGap);

        var preferring = problem.Speakers.Where(sp => sp.Preferred is { Count: > 0 }).ToDictionary(sp => sp.Id);
        if (w.PreferredTime > 0)
            foreach (var v in vars.Values)
            {
                var withPrefs = v.C.Session.SpeakerIds.Distinct().Where(preferring.ContainsKey).Select(id => preferring[id]).ToList();
                if (withPrefs.Count == 0) continue;
                var ok = v.Slots.Keys.Where(g => withPrefs.All(sp => sp.Preferred!.Any(pw => pw.Contains((int)(g / Day), (int)(g % Day), (int)(g % Day) + v.Duration)))).ToHashSet();
                var miss = Cp.NewBoolVar($"miss_{v.C.Index}");
                Cp.Add(LinearExpr.Sum(v.Slots.Where(s => !ok.Contains(s.Key)).Select(s => s.Value)) == miss);
                objective.AddTerm(miss, w.PreferredTime);
                preferences.Add((miss, ok, v.C.Index));
            }

        // A keynote alone in slot s: a literal that empties every other session's slots overlapping s.
        if (w.KeynoteNotAlone > 0)
            foreach (var k in vars.Values.Where(v => v.C.Session.Keynote))
            {
                var alone = Cp.NewBoolVar($"alone_{k.C.Index}");
                var at = new Dictionary<long, BoolVar>();
                foreach (var (g, y) in k.Slots)
                {
                    var z = Cp.NewBoolVar($"alone_{k.C.Index}_{g}");
                    Cp.AddImplication(z, y);
                    var beside = vars.Values.Where(o => o != k).SelectMany(o => o.Slots.Where(s => k.Overlaps(g, s.Key, o.Duration)).Select(s => s.Value)).ToList();
                    if (beside.Count > 0) Cp.Add(LinearExpr.Sum(beside) == 0).OnlyEnforceIf(z);
                    at[g] = z;
                }
                Cp.Add(LinearExpr.Sum(at.Values) == alone);
                objective.AddTerm(alone, -w.KeynoteNotAlone);
                objective.Add(w.KeynoteNotAlone);
                keynotes.Add((alone, at, k.C.Index));
            }

        // A stay is the draft's own literal: no extra variable.
        if (w.Move > 0)
            foreach (var v in vars.Values)
                if (Draft(v) is { } x)
                {
                    objective.AddTerm(x, -w.Move);
                    objective.Add(w.Move);
                }

        Cp.Minimize(objective);
    }

    private BoolVar? Draft(SessionVars v) =>
        problem.Draft.TryGetValue(v.C.Session.Id, out var d) && space.RoomIndex.TryGetValue(d.RoomId, out var r)
        && v.At.TryGetValue((r, d.Day * (long)Day + d.Start), out var x) ? x : null;

    /// <summary>
    /// At most one of the entries covers any entry's start. A point whose covering set contains the previous point's
    /// (nothing ended in between) makes the previous constraint redundant, so only the last of such a run is added.
    /// </summary>
    private void AtMostOnePerPoint(List<(long Start, long End, BoolVar Lit)> entries)
    {
        if (entries.Count < 2) return;
        entries.Sort((x, y) => x.Start.CompareTo(y.Start));
        var active = new List<(long Start, long End, BoolVar Lit)>();
        List<BoolVar>? pending = null;
        var next = 0;
        foreach (var p in entries.Select(e => e.Start).Distinct())
        {
            var removed = active.RemoveAll(e => e.End <= p) > 0;
            while (next < entries.Count && entries[next].Start <= p) active.Add(entries[next++]);
            if (removed && pending is not null) Cp.AddAtMostOne(pending);
            pending = active.Count > 1 ? active.Select(e => e.Lit).Distinct().ToList() : null;
        }
        if (pending is not null) Cp.AddAtMostOne(pending);
    }

    /// <summary>As the interval model: per track and day, idle quarter hours between its first start and last end.</summary>
    private void TrackGaps(int weight)
    {
        foreach (var track in vars.Values.Where(v => v.C.Session.Track is not null).GroupBy(v => v.C.Session.Track!))
        {
            var byDay = track.SelectMany(v => v.Slots.Keys.Select(g => (int)(g / Day)).Distinct().Select(d => (d, v))).GroupBy(x => x.d).Where(g => g.Count() > 1);
            foreach (var day in byDay)
            {
                var d = day.Key;
                var first = Cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tfirst_{track.Key}_{d}");
                var last = Cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tlast_{track.Key}_{d}");
                var minutes = LinearExpr.NewBuilder();
                foreach (var (_, v) in day)
                {
                    var on = OnDay(v, d);
                    var start = LinearExpr.WeightedSum(v.Slots.Where(s => s.Key / Day == d).Select(s => s.Value), v.Slots.Keys.Where(g => g / Day == d));
                    Cp.Add(first <= start).OnlyEnforceIf(on);
                    Cp.Add(last >= start + v.Duration).OnlyEnforceIf(on);
                    minutes.AddTerm(on, v.Duration);
                }
                var gap = Cp.NewIntVar(0, Day / 15, $"tgap_{track.Key}_{d}");
                Cp.Add(15 * gap >= last - first - minutes);
                objective.AddTerm(gap, weight);
                trackDays.Add((d, day.Select(x => x.v.C.Index).ToList(), first, last, gap));
            }
        }
    }

    private BoolVar OnDay(SessionVars v, int d)
    {
        if (onDay.TryGetValue((v.C.Index, d), out var known)) return known;
        var days = v.Slots.Keys.Select(g => (int)(g / Day)).Distinct().ToList();
        if (days.Count == 1) return onDay[(v.C.Index, d)] = v.Placed;
        foreach (var x in days)
        {
            var lit = Cp.NewBoolVar($"on_{v.C.Index}_{x}");
            Cp.Add(LinearExpr.Sum(v.Slots.Where(s => s.Key / Day == x).Select(s => s.Value)) == lit);
            onDay[(v.C.Index, x)] = lit;
        }
        return onDay[(v.C.Index, d)];
    }

    public void Hint(IReadOnlyList<Placement> placements)
    {
        var hinted = new HashSet<int>();
        void H(IntVar v, long value)
        {
            if (hinted.Add(v.GetIndex())) Cp.AddHint(v, value);
        }
        var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
        var at = new Dictionary<int, (int Room, long Start)>();
        foreach (var p in placements)
            if (index.TryGetValue(p.SessionId, out var i) && space.RoomIndex.TryGetValue(p.Slot.RoomId, out var r)
                && vars[i].At.ContainsKey((r, p.Slot.Day * (long)Day + p.Slot.Start)))
                at[i] = (r, p.Slot.Day * (long)Day + p.Slot.Start);
        foreach (var v in vars.Values)
        {
            var has = at.TryGetValue(v.C.Index, out var x);
            foreach (var (key, lit) in v.At) H(lit, has && key == x ? 1 : 0);
            foreach (var (g, y) in v.Slots) H(y, has && g == x.Start ? 1 : 0);
            H(v.Placed, has ? 1 : 0);
        }
        bool Overlap(int a, int b) => at.TryGetValue(a, out var x) && at.TryGetValue(b, out var y) && vars[a].Overlaps(x.Start, y.Start, vars[b].Duration);
        foreach (var (clash, a, b) in pairs) H(clash, Overlap(a, b) ? 1 : 0);
        foreach (var ((track, room), uses) in trackRooms)
            H(uses, vars.Values.Any(v => v.C.Session.Track == track && at.TryGetValue(v.C.Index, out var x) && x.Room == room) ? 1 : 0);
        foreach (var (miss, ok, i) in preferences) H(miss, at.TryGetValue(i, out var x) && !ok.Contains(x.Start) ? 1 : 0);
        foreach (var (alone, slots, i) in keynotes)
        {
            var isAlone = at.ContainsKey(i) && !at.Keys.Any(o => o != i && Overlap(i, o));
            H(alone, isAlone ? 1 : 0);
            foreach (var (g, z) in slots) H(z, isAlone && at[i].Start == g ? 1 : 0);
        }
        foreach (var ((i, d), on) in onDay) H(on, at.TryGetValue(i, out var x) && x.Start / Day == d ? 1 : 0);
        foreach (var t in trackDays)
        {
            var placed = t.Sessions.Where(i => at.TryGetValue(i, out var x) && x.Start / Day == t.Day).ToList();
            long first = placed.Count == 0 ? t.Day * (long)Day : placed.Min(i => at[i].Start);
            long last = placed.Count == 0 ? first : placed.Max(i => at[i].Start + vars[i].Duration);
            var idle = Math.Max(0, last - first - placed.Sum(i => (long)vars[i].Duration));
            H(t.First, first);
            H(t.Last, last);
            H(t.Gap, (idle + 14) / 15);
        }
    }

    public List<Placement> Read(CpSolver solver)
    {
        var result = new List<Placement>();
        foreach (var v in vars.Values.Where(v => solver.BooleanValue(v.Placed)))
        {
            var ((room, g), _) = v.At.First(kv => solver.BooleanValue(kv.Value));
            result.Add(new Placement(v.C.Session.Id, new Slot(problem.Rooms[room].Id, (int)(g / Day), (int)(g % Day))));
        }
        return result;
    }
}
