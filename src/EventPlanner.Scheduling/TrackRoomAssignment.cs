using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>
/// The track-room term as an assignment without times: z[session, room] over the rooms a session may use at any of its
/// starts (one per placed session), u[track, room] ≥ each z of the track, and per room at most its free minutes of
/// sessions in all. Any legal schedule gives such an assignment (its own rooms) at exactly its number of (track, room)
/// pairs, so the assignment's minimum is a lower bound of that term over every schedule. <see cref="SlotPhase"/> builds
/// it into its model; <see cref="Floor"/> solves it alone (a small model CP-SAT proves in well under a second) when
/// every session must be placed, which gives the decomposed model a bound before phase 1's LP has finished.
/// </summary>
internal static class TrackRoomAssignment
{
    public sealed record Built(
        Dictionary<string, Dictionary<int, BoolVar>> Uses,
        Dictionary<int, Dictionary<int, BoolVar>> Assigned,
        Dictionary<int, LinearExprBuilder> Load);

    /// <summary>
    /// Adds the assignment for the track sessions given (index, track, duration, rooms, placed literal); the caller
    /// bounds each room's <see cref="Built.Load"/> (minutes of sessions assigned to it).
    /// </summary>
    public static Built Build(CpModel cp, IEnumerable<(int Index, string Track, int Duration, int[] Rooms, BoolVar Placed)> sessions)
    {
        var uses = new Dictionary<string, Dictionary<int, BoolVar>>();
        var assigned = new Dictionary<int, Dictionary<int, BoolVar>>();
        var load = new Dictionary<int, LinearExprBuilder>();
        foreach (var (index, track, duration, rooms, placed) in sessions)
        {
            var trackUses = uses.TryGetValue(track, out var known) ? known : uses[track] = [];
            var z = new Dictionary<int, BoolVar>();
            foreach (var r in rooms)
            {
                if (!trackUses.TryGetValue(r, out var u)) trackUses[r] = u = cp.NewBoolVar($"u_{track}_{r}");
                z[r] = rooms.Length == 1 ? placed : cp.NewBoolVar($"z_{index}_{r}");
                cp.AddImplication(z[r], u);
                (load.TryGetValue(r, out var b) ? b : load[r] = LinearExpr.NewBuilder()).AddTerm(z[r], duration);
            }
            if (rooms.Length > 1) cp.Add(LinearExpr.Sum(z.Values) == placed);
            assigned[index] = z;
        }
        return new Built(uses, assigned, load);
    }

    public static int FreeMinutes(CandidateSpace space, int room) => space.RoomFree[room].Count(f => f);

    /// <summary>
    /// A proven lower bound, in objective units, of the track-room and keynote-alone terms together over every complete
    /// schedule (0 when nothing is proven in the time given): the assignment, TrackRoom per pair, and per keynote an
    /// "alone" literal, KeynoteNotAlone when false. A keynote alone empties every room for its time, so a room's other
    /// sessions fit in its free minutes less g(k, r), the fewest free minutes of the room over the keynote's starts; in
    /// the keynote's own room its own minutes stand for them: load(r) ≤ free(r) − Σ_k g(k, r)·(alone_k − z[k, r]),
    /// which every complete legal schedule satisfies. Every other term is ≥ 0, so this bounds the whole objective.
    /// </summary>
    public static long Floor(CandidateSpace space, TimeSpan limit, int workers)
    {
        var w = space.Problem.Weights;
        var cp = new CpModel();
        var placeable = space.Sessions.Where(c => c.Reason is null).ToList();
        var built = Build(cp, placeable.Where(c => c.Session.Track is not null).Select(c =>
        {
            var placed = cp.NewBoolVar($"placed_{c.Index}");
            cp.Add(placed == 1);
            return (c.Index, c.Session.Track!, c.Session.Duration, c.Rooms.Select(r => r.Room).Distinct().Order().ToArray(), placed);
        }).ToList());
        var objective = LinearExpr.NewBuilder();
        foreach (var u in built.Uses.Values.SelectMany(u => u.Values)) objective.AddTerm(u, w.TrackRoom);
        var keynotes = w.KeynoteNotAlone > 0 ? placeable.Where(c => c.Session.Keynote && c.Starts.Length > 0).ToList() : [];
        var alone = keynotes.ToDictionary(k => k.Index, k => cp.NewBoolVar($"alone_{k.Index}"));
        foreach (var a in alone.Values)
        {
            objective.AddTerm(a, -w.KeynoteNotAlone);
            objective.Add(w.KeynoteNotAlone);
        }
        foreach (var (r, load) in built.Load)
        {
            var free = LinearExpr.NewBuilder();
            free.Add(FreeMinutes(space, r));
            foreach (var k in keynotes)
            {
                var g = k.Starts.Min(s => Enumerable.Range(0, k.Session.Duration).Count(m => s + m < space.RoomFree[r].Length && space.RoomFree[r][s + m]));
                if (g == 0) continue;
                free.AddTerm(alone[k.Index], -g);
                if (built.Assigned.TryGetValue(k.Index, out var z) && z.TryGetValue(r, out var zk)) free.AddTerm(zk, g);
            }
            cp.Add(load <= free);
        }
        cp.Minimize(objective);
        var solver = new CpSolver
        {
            StringParameters = $"num_workers:{Math.Max(1, workers)},max_time_in_seconds:{Math.Max(0.1, limit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        var status = solver.Solve(cp);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? Math.Max(0, (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6)) : 0;
    }
}
