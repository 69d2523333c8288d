using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>A session on the slot lattice as both lattice models see it: one literal per start, and "placed".</summary>
internal sealed record LatticeSession(SessionCandidates C, BoolVar Placed, SortedDictionary<long, BoolVar> Slots)
{
    public int Duration => C.Session.Duration;
    public bool Overlaps(long g, long otherStart, int otherDuration) => g < otherStart + otherDuration && otherStart < g + Duration;
}

/// <summary>
/// The time-only terms <see cref="SlotModel"/> and <see cref="SlotPhase"/> state the same way over the start literals
/// y[session, start] (one place, so the two models' objectives cannot drift apart): popular-pair clashes
/// (clash ≥ y[a, s] + Σ y[b, s' overlapping s] − 1), track gaps, preferred times and keynotes alone, with their hints;
/// and the per-time-point counts every lattice model uses (<see cref="CoverPoints"/>).
/// </summary>
internal sealed class SlotTerms(CpModel cp, LinearExprBuilder objective, SchedulingProblem problem, IReadOnlyDictionary<int, LatticeSession> vars)
{
    private const int Day = CandidateSpace.DayMinutes;
    private readonly List<(BoolVar Clash, int A, int B)> pairs = [];
    private readonly List<(BoolVar Miss, HashSet<long> Ok, int Session)> preferences = [];
    private readonly List<(BoolVar Alone, Dictionary<long, BoolVar> At, int Session)> keynotes = [];
    private readonly List<(int Day, List<int> Sessions, IntVar First, IntVar Last, IntVar Gap)> trackDays = [];
    private readonly Dictionary<(int Session, int Day), BoolVar> onDay = [];

    /// <summary>One clash literal per listed pair that can overlap, set by a per-slot co-occurrence row.</summary>
    public void AddClashes()
    {
        var w = problem.Weights;
        if (w.PopularClash <= 0) return;
        var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
        foreach (var p in problem.PopularPairs.Where(p => p.CoStars > 0))
        {
            if (!index.TryGetValue(p.A, out var a) || !index.TryGetValue(p.B, out var b) || a == b) continue;
            var (va, vb) = vars[a].Slots.Count <= vars[b].Slots.Count ? (vars[a], vars[b]) : (vars[b], vars[a]);
            var rows = va.Slots.Select(s => (Y: s.Value, Beside: vb.Slots.Where(o => va.Overlaps(s.Key, o.Key, vb.Duration)).Select(o => o.Value).ToList()))
                .Where(r => r.Beside.Count > 0).ToList();
            if (rows.Count == 0) continue;
            var clash = cp.NewBoolVar($"clash_{a}_{b}");
            foreach (var (y, beside) in rows) cp.Add(y + LinearExpr.Sum(beside) <= 1 + clash);
            objective.AddTerm(clash, (long)w.PopularClash * p.CoStars);
            pairs.Add((clash, a, b));
        }
    }

    /// <summary>Track gaps, preferred times and keynotes alone (in that order), each only when its weight is on.</summary>
    public void AddTimeTerms()
    {
        var w = problem.Weights;
        if (w.TrackGap > 0) TrackGaps(w.TrackGap);

        var preferring = Preferences.Speakers(problem);
        if (w.PreferredTime > 0)
            foreach (var v in vars.Values)
            {
                if (!Preferences.Given(v.C.Session, preferring)) continue;
                var ok = v.Slots.Keys.Where(g => !Preferences.Missed(v.C.Session, preferring, g)).ToHashSet();
                var miss = cp.NewBoolVar($"miss_{v.C.Index}");
                cp.Add(LinearExpr.Sum(v.Slots.Where(s => !ok.Contains(s.Key)).Select(s => s.Value)) == miss);
                objective.AddTerm(miss, w.PreferredTime);
                preferences.Add((miss, ok, v.C.Index));
            }

        // A keynote alone in slot s: a literal that empties every other session's slots overlapping s.
        if (w.KeynoteNotAlone > 0)
            foreach (var k in vars.Values.Where(v => v.C.Session.Keynote))
            {
                var alone = cp.NewBoolVar($"alone_{k.C.Index}");
                var at = new Dictionary<long, BoolVar>();
                foreach (var (g, y) in k.Slots)
                {
                    var z = cp.NewBoolVar($"alone_{k.C.Index}_{g}");
                    cp.AddImplication(z, y);
                    var beside = vars.Values.Where(o => o != k).SelectMany(o => o.Slots.Where(s => k.Overlaps(g, s.Key, o.Duration)).Select(s => s.Value)).ToList();
                    if (beside.Count > 0) cp.Add(LinearExpr.Sum(beside) == 0).OnlyEnforceIf(z);
                    at[g] = z;
                }
                cp.Add(LinearExpr.Sum(at.Values) == alone);
                objective.AddTerm(alone, -w.KeynoteNotAlone);
                objective.Add(w.KeynoteNotAlone);
                keynotes.Add((alone, at, k.C.Index));
            }
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
                var first = cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tfirst_{track.Key}_{d}");
                var last = cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tlast_{track.Key}_{d}");
                var minutes = LinearExpr.NewBuilder();
                foreach (var (_, v) in day)
                {
                    var on = OnDay(v, d);
                    var start = LinearExpr.WeightedSum(v.Slots.Where(s => s.Key / Day == d).Select(s => s.Value), v.Slots.Keys.Where(g => g / Day == d));
                    cp.Add(first <= start).OnlyEnforceIf(on);
                    cp.Add(last >= start + v.Duration).OnlyEnforceIf(on);
                    minutes.AddTerm(on, v.Duration);
                }
                var gap = cp.NewIntVar(0, Day / 15, $"tgap_{track.Key}_{d}");
                cp.Add(15 * gap >= last - first - minutes);
                objective.AddTerm(gap, weight);
                trackDays.Add((d, day.Select(x => x.v.C.Index).ToList(), first, last, gap));
            }
        }
    }

    private BoolVar OnDay(LatticeSession v, int d)
    {
        if (onDay.TryGetValue((v.C.Index, d), out var known)) return known;
        var days = v.Slots.Keys.Select(g => (int)(g / Day)).Distinct().ToList();
        if (days.Count == 1) return onDay[(v.C.Index, d)] = v.Placed;
        foreach (var x in days)
        {
            var lit = cp.NewBoolVar($"on_{v.C.Index}_{x}");
            cp.Add(LinearExpr.Sum(v.Slots.Where(s => s.Key / Day == x).Select(s => s.Value)) == lit);
            onDay[(v.C.Index, x)] = lit;
        }
        return onDay[(v.C.Index, d)];
    }

    /// <summary>Hints every literal of these terms consistently with the given starts (session index → global start).</summary>
    public void Hint(IReadOnlyDictionary<int, long> at, Action<IntVar, long> hint)
    {
        bool Overlap(int a, int b) => at.TryGetValue(a, out var x) && at.TryGetValue(b, out var y) && vars[a].Overlaps(x, y, vars[b].Duration);
        foreach (var (clash, a, b) in pairs) hint(clash, Overlap(a, b) ? 1 : 0);
        foreach (var (miss, ok, i) in preferences) hint(miss, at.TryGetValue(i, out var x) && !ok.Contains(x) ? 1 : 0);
        foreach (var (alone, slots, i) in keynotes)
        {
            var isAlone = at.ContainsKey(i) && !at.Keys.Any(o => o != i && Overlap(i, o));
            hint(alone, isAlone ? 1 : 0);
            foreach (var (g, z) in slots) hint(z, isAlone && at[i] == g ? 1 : 0);
        }
        foreach (var ((i, d), on) in onDay) hint(on, at.TryGetValue(i, out var x) && x / Day == d ? 1 : 0);
        foreach (var t in trackDays)
        {
            var (first, last, quarters) = TrackDayHint(t.Day, t.Sessions.Where(i => at.TryGetValue(i, out var x) && x / Day == t.Day).Select(i => (at[i], vars[i].Duration)));
            hint(t.First, first);
            hint(t.Last, last);
            hint(t.Gap, quarters);
        }
    }

    /// <summary>A track's day as the track-gap term states it: first start, last end, idle quarter hours between.</summary>
    /// <summary>
    /// A session's "placed" literal over its slot literals (at most one is true), and its cost when left out. Every
    /// session is required placed when it is pinned or when the caller knows a complete schedule cheaper than one
    /// unplaced session: then no schedule leaving one out can be optimal (every term is ≥ 0), so the bound over
    /// complete schedules is the bound over all. It also keeps w·(1 − placed) out of the objective, which presolve
    /// rewrites into −w per start literal: a trivial bound of −3·10⁹ at FOSDEM scale that no LP round lifted in 60 s.
    /// </summary>
    internal static BoolVar Placed(CpModel cp, LinearExprBuilder objective, int index, ICollection<BoolVar> slots, bool mustPlace, long unplacedWeight)
    {
        BoolVar placed;
        if (slots.Count == 1) placed = slots.First();
        else
        {
            placed = cp.NewBoolVar($"placed_{index}");
            cp.Add(LinearExpr.Sum(slots) == placed);
        }
        if (mustPlace) cp.Add(placed == 1);
        else objective.AddTerm(placed.Not(), unplacedWeight);
        return placed;
    }

    internal static (long First, long Last, long Quarters) TrackDayHint(int day, IEnumerable<(long Start, int Duration)> placed)
    {
        var list = placed.ToList();
        long first = list.Count == 0 ? day * (long)Day : list.Min(p => p.Start);
        long last = list.Count == 0 ? first : list.Max(p => p.Start + p.Duration);
        var idle = Math.Max(0, last - first - list.Sum(p => (long)p.Duration));
        return (first, last, (idle + 14) / 15);
    }

    /// <summary>At most <paramref name="capacity"/>(p) of the entries cover any entry's start p (1 without a capacity).</summary>
    internal static void AtMostPerPoint(CpModel cp, List<(long Start, long End, BoolVar Lit)> entries, Func<long, int>? capacity = null) =>
        CoverPoints(entries, (lits, p) =>
        {
            var cap = capacity?.Invoke(p) ?? 1;
            if (lits.Count <= cap) return;
            if (cap == 1) cp.AddAtMostOne(lits);
            else cp.Add(LinearExpr.Sum(lits) <= cap);
        }, capacity);

    /// <summary>
    /// Calls <paramref name="emit"/> with the entries covering each entry start (two intervals overlap exactly when
    /// one's start lies inside the other, so these are the only points to check); a point whose covering set contains
    /// the previous point's (nothing ended in between) makes the previous one redundant, so only the last of such a
    /// run is emitted — unless the capacity grew in between (a room opened), when the smaller one still binds.
    /// </summary>
    internal static void CoverPoints(List<(long Start, long End, BoolVar Lit)> entries, Action<List<BoolVar>, long> emit, Func<long, int>? capacity = null)
    {
        if (entries.Count == 0) return;
        entries.Sort((x, y) => x.Start.CompareTo(y.Start));
        var active = new List<(long Start, long End, BoolVar Lit)>();
        (List<BoolVar> Lits, long Point)? pending = null;
        var next = 0;
        foreach (var p in entries.Select(e => e.Start).Distinct())
        {
            var removed = active.RemoveAll(e => e.End <= p) > 0;
            while (next < entries.Count && entries[next].Start <= p) active.Add(entries[next++]);
            if (removed && pending is { } done) emit(done.Lits, done.Point);
            if (pending is { } prev && !removed && capacity is not null && capacity(p) > capacity(prev.Point)) emit(prev.Lits, prev.Point);
            pending = (active.Select(e => e.Lit).Distinct().ToList(), p);
        }
        if (pending is { } last) emit(last.Lits, last.Point);
    }
}
