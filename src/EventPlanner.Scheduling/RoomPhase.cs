using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>
/// Phase 2 of the decomposed model: with every start fixed by <see cref="SlotPhase"/>, one literal x[session, room]
/// per room the session may use at its start (suitability, capacity, opening hours and taken time were applied by the
/// candidate filter, so no hard room rule can be broken here), at most one per room at every start point, and the
/// room terms of the objective: TrackRoom per (track, room) used, Move per draft session kept in time but not in its
/// draft room. A session no room can take is "unassigned" at the Unplaced weight rather than making the model
/// infeasible, so the caller learns which ones and can cut phase 1 (<see cref="HallCuts"/>).
/// </summary>
internal sealed class RoomPhase
{
    private const int Day = CandidateSpace.DayMinutes;
    public CpModel Cp { get; } = new();
    private readonly SchedulingProblem problem;
    private readonly Dictionary<int, (long Start, Dictionary<int, BoolVar> Rooms, BoolVar Unassigned)> vars = [];
    private readonly IReadOnlyDictionary<int, SlotPhase.Vars> sessions;

    public RoomPhase(CandidateSpace space, IReadOnlyDictionary<int, SlotPhase.Vars> sessions, IReadOnlyDictionary<int, long> starts)
    {
        problem = space.Problem;
        this.sessions = sessions;
        var w = problem.Weights;
        var objective = LinearExpr.NewBuilder();
        foreach (var (i, g) in starts)
        {
            var rooms = sessions[i].Rooms[g].ToDictionary(r => r, r => Cp.NewBoolVar($"x_{i}_{r}"));
            var unassigned = Cp.NewBoolVar($"unassigned_{i}");
            Cp.Add(LinearExpr.Sum(rooms.Values) + unassigned == 1);
            objective.AddTerm(unassigned, w.Unplaced);
            vars[i] = (g, rooms, unassigned);
        }
        foreach (var room in vars.SelectMany(kv => kv.Value.Rooms.Select(r => (Room: r.Key, kv.Value.Start, End: kv.Value.Start + sessions[kv.Key].Duration, Lit: r.Value))).GroupBy(e => e.Room))
            SlotTerms.CoverPoints(room.Select(e => (e.Start, e.End, e.Lit)).ToList(), (lits, _) => { if (lits.Count > 1) Cp.AddAtMostOne(lits); });

        if (w.TrackRoom > 0)
            foreach (var track in vars.Where(kv => sessions[kv.Key].C.Session.Track is not null).GroupBy(kv => sessions[kv.Key].C.Session.Track!))
                foreach (var room in track.SelectMany(kv => kv.Value.Rooms).GroupBy(r => r.Key))
                {
                    var used = Cp.NewBoolVar($"used_{track.Key}_{room.Key}");
                    foreach (var (_, x) in room) Cp.AddImplication(x, used);
                    objective.AddTerm(used, w.TrackRoom);
                }

        if (w.Move > 0)
            foreach (var (i, v) in vars)
                if (problem.Draft.TryGetValue(sessions[i].C.Session.Id, out var d) && d.Day * (long)Day + d.Start == v.Start
                    && space.RoomIndex.TryGetValue(d.RoomId, out var r) && v.Rooms.TryGetValue(r, out var x))
                {
                    objective.AddTerm(x, -w.Move);
                    objective.Add(w.Move);
                }
        Cp.Minimize(objective);
    }

    public void Hint(IReadOnlyDictionary<int, int> rooms)
    {
        foreach (var (i, v) in vars)
        {
            var has = rooms.TryGetValue(i, out var room) && v.Rooms.ContainsKey(room);
            foreach (var (r, x) in v.Rooms) Cp.AddHint(x, has && r == room);
            Cp.AddHint(v.Unassigned, !has);
        }
    }

    /// <summary>The placements of the sessions a room was found for, and the sessions none was.</summary>
    public (List<Placement> Placements, List<int> Unassigned) Read(CpSolver solver)
    {
        var placements = new List<Placement>();
        var unassigned = new List<int>();
        foreach (var (i, v) in vars)
        {
            if (solver.BooleanValue(v.Unassigned)) { unassigned.Add(i); continue; }
            var room = v.Rooms.First(r => solver.BooleanValue(r.Value)).Key;
            placements.Add(new Placement(sessions[i].C.Session.Id, new Slot(problem.Rooms[room].Id, (int)(v.Start / Day), (int)(v.Start % Day))));
        }
        return (placements, unassigned);
    }

    /// <summary>
    /// Hall violators at the time points: at each start p, a maximum matching of the sessions running at p to the
    /// rooms they may use; a session left over reaches, along alternating paths, a set X of sessions whose rooms N(X)
    /// are fewer than X. N(X) is a room set phase 1 must count — a valid cut, as no schedule can run more sessions
    /// confined to N(X) at once than N(X) has rooms. Empty when every point matches (then the failure, if any, is
    /// one of intervals across points, which counts at points cannot express).
    /// </summary>
    public static List<int[]> HallCuts(IReadOnlyDictionary<int, SlotPhase.Vars> sessions, IReadOnlyDictionary<int, long> starts)
    {
        var cuts = new Dictionary<string, int[]>();
        foreach (var p in starts.Values.Distinct().Order())
        {
            var running = starts.Where(kv => kv.Value <= p && p < kv.Value + sessions[kv.Key].Duration).Select(kv => sessions[kv.Key].Rooms[kv.Value]).ToList();
            var roomOf = new Dictionary<int, int>(); // room -> index in running
            bool Augment(int s, HashSet<int> seen)
            {
                foreach (var r in running[s])
                {
                    if (!seen.Add(r)) continue;
                    if (!roomOf.TryGetValue(r, out var other) || Augment(other, seen)) { roomOf[r] = s; return true; }
                }
                return false;
            }
            for (var s = 0; s < running.Count; s++)
            {
                var seen = new HashSet<int>();
                if (Augment(s, seen)) continue;
                // seen holds N(X) for the alternating tree from s: every room s could reach, all of them matched.
                var set = seen.Order().ToArray();
                cuts.TryAdd(string.Join(',', set), set);
            }
        }
        return cuts.Values.ToList();
    }
}
