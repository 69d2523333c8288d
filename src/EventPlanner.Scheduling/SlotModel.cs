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
/// separate room phase whose feasibility or cost the bound would have to leave out. With <paramref name="placeAll"/>
/// (a complete schedule cheaper than one unplaced session is known) every session must be placed, which every optimal
/// schedule does anyway.
/// </summary>
internal sealed class SlotModel(CandidateSpace space, bool placeAll = false) : ISolverModel
{
    private const int Day = CandidateSpace.DayMinutes;
    public CpModel Cp { get; } = new();
    private readonly SchedulingProblem problem = space.Problem;
    private readonly Dictionary<int, SessionVars> vars = [];
    private readonly LinearExprBuilder objective = LinearExpr.NewBuilder();
    private readonly Dictionary<(string Track, int Room), BoolVar> trackRooms = [];
    private SlotTerms terms = null!;

    private sealed record SessionVars(SessionCandidates C, BoolVar Placed, SortedDictionary<long, BoolVar> Slots, Dictionary<(int Room, long Start), BoolVar> At)
    {
        public int Duration => C.Session.Duration;
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
            var placed = SlotTerms.Placed(Cp, objective, c.Index, slots.Values, c.Session.Pinned is not null || placeAll, w.Unplaced);
            vars[c.Index] = new SessionVars(c, placed, slots, at);
        }

        // One session per room and one place per speaker, as counts at the slot starts.
        foreach (var room in vars.Values.SelectMany(v => v.At.Select(kv => (kv.Key.Room, kv.Key.Start, End: kv.Key.Start + v.Duration, Lit: kv.Value))).GroupBy(e => e.Room))
            SlotTerms.AtMostPerPoint(Cp, room.Select(e => (e.Start, e.End, e.Lit)).ToList());
        foreach (var speaker in vars.Values.SelectMany(v => v.C.Session.SpeakerIds.Distinct().Select(sp => (sp, v))).GroupBy(x => x.sp).Where(g => g.Count() > 1))
            SlotTerms.AtMostPerPoint(Cp, speaker.SelectMany(x => x.v.Slots.Select(kv => (kv.Key, kv.Key + x.v.Duration, kv.Value))).ToList());

        terms = new SlotTerms(Cp, objective, problem, vars.ToDictionary(kv => kv.Key, kv => new LatticeSession(kv.Value.C, kv.Value.Placed, kv.Value.Slots)));
        terms.AddClashes();

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

        terms.AddTimeTerms();

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
        foreach (var ((track, room), uses) in trackRooms)
            H(uses, vars.Values.Any(v => v.C.Session.Track == track && at.TryGetValue(v.C.Index, out var x) && x.Room == room) ? 1 : 0);
        terms.Hint(at.ToDictionary(kv => kv.Key, kv => kv.Value.Start), H);
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
