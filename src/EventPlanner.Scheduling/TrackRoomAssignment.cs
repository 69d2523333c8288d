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
    public sealed record Built(Dictionary<string, Dictionary<int, BoolVar>> Uses, Dictionary<int, Dictionary<int, BoolVar>> Assigned);

    /// <summary>Adds the assignment for the track sessions given (index, track, duration, rooms, placed literal).</summary>
    public static Built Build(CpModel cp, CandidateSpace space, IEnumerable<(int Index, string Track, int Duration, int[] Rooms, BoolVar Placed)> sessions)
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
        foreach (var (r, minutes) in load) cp.Add(minutes <= space.RoomFree[r].Count(f => f));
        return new Built(uses, assigned);
    }

    /// <summary>
    /// The proven least number of (track, room) pairs when every track session is placed (0 when nothing is proven in
    /// the time given): a lower bound of the track-room term of every complete schedule.
    /// </summary>
    public static long Floor(CandidateSpace space, TimeSpan limit, int workers)
    {
        var cp = new CpModel();
        var sessions = space.Sessions.Where(c => c.Reason is null && c.Session.Track is not null).Select(c =>
        {
            var placed = cp.NewBoolVar($"placed_{c.Index}");
            cp.Add(placed == 1);
            return (c.Index, c.Session.Track!, c.Session.Duration, c.Rooms.Select(r => r.Room).Distinct().Order().ToArray(), placed);
        }).ToList();
        var built = Build(cp, space, sessions);
        cp.Minimize(LinearExpr.Sum(built.Uses.Values.SelectMany(u => u.Values)));
        var solver = new CpSolver
        {
            StringParameters = $"num_workers:{Math.Max(1, workers)},max_time_in_seconds:{Math.Max(0.1, limit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        var status = solver.Solve(cp);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? Math.Max(0, (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6)) : 0;
    }
}
