using System.Diagnostics;
using Google.OrTools.Sat;

namespace EventPlanner.Scheduling;

/// <summary>What each phase of the decomposed model reached (see the README for what the gap means).</summary>
public sealed record PhaseFigures(
    double SlotObjective,
    double SlotBound,
    bool SlotOptimal,
    double RoomObjective,
    double RoomBound,
    bool RoomOptimal,
    int Rounds,
    int RoomSetsCounted,
    int HallCuts,
    int Repaired,
    bool Polished = false,
    long SearchMoves = 0,
    double SearchFrom = double.NaN,
    int Neighbourhoods = 0);

/// <summary>
/// The slot-then-room decomposition: <see cref="SlotPhase"/> places every session in time with the rooms as Hall
/// counts, <see cref="RoomPhase"/> gives each a room. When a time point cannot be matched, its Hall violator becomes
/// a count in phase 1 and phase 1 is solved again (from its last schedule). Sessions still without a room after that
/// (the rooms fail across time points, which counts at points cannot see, or the rounds or the time ran out) are
/// repaired: each is put, most popular first, at the lattice start and room that add least to the objective among
/// those still free, or left unplaced. The objective reported is the returned schedule's own cost
/// (<see cref="ObjectiveCost"/>); the bound is phase 1's, which bounds every schedule on the lattice.
/// </summary>
internal static class DecomposedSolve
{
    public const int MaxRounds = 4;
    private const int Day = CandidateSpace.DayMinutes;

    public sealed record Outcome(CpSolverStatus Status, List<Placement> Placements, double Objective, double Bound, TimeSpan? First, PhaseFigures Phases);

    public static Outcome Run(CandidateSpace lattice, IReadOnlyList<Placement> hint, SolveOptions options, string parameters, Stopwatch watch, CancellationToken ct)
    {
        var deadline = watch.Elapsed + options.TimeLimit; // as the other models: the limit is the solve's, not the set-up's
        var search = TimeSpan.FromSeconds(options.TimeLimit.TotalSeconds * Math.Clamp(options.SearchShare, 0, 1));
        var outcome = Rounds(lattice, hint, options, parameters, watch, deadline - search, ct);
        outcome = Search(lattice, outcome, options, parameters, watch, watch.Elapsed + search, ct);
        return Polish(lattice, outcome, parameters, watch, deadline, ct);
    }

    /// <summary>
    /// Swaps and moves from the rounds' best schedule (<see cref="LocalSearch"/>), then large neighbourhoods re-placed
    /// exactly (<see cref="LargeNeighbourhood"/>): CP-SAT proves the rounds' bound, the searches find the cheaper
    /// schedules CP-SAT does not in its time. Kept only when it is cheaper; both stop at the bound.
    /// </summary>
    private static Outcome Search(CandidateSpace lattice, Outcome outcome, SolveOptions options, string parameters, Stopwatch watch, TimeSpan until, CancellationToken ct)
    {
        if (outcome.Status != CpSolverStatus.Feasible || outcome.Placements.Count == 0 || until <= watch.Elapsed || ct.IsCancellationRequested) return outcome;
        // Phase 1 found nothing in its share (a large event on a loaded machine): the first schedule is the hint the
        // search takes over now, as in the other models (see CpSatScheduler.Solve).
        outcome = outcome with { First = outcome.First ?? watch.Elapsed };
        var placements = CpSatScheduler.Searches(lattice, outcome.Placements, options, parameters, watch, until, outcome.Bound, ct,
            cost => options.Progress?.Invoke(new SolveProgress(cost, Math.Max(0, outcome.Bound), watch.Elapsed, 0)), out var moves, out var neighbourhoods);
        var cost = ObjectiveCost.Of(lattice, placements);
        var better = cost < outcome.Objective ? outcome with { Placements = placements, Objective = cost } : outcome;
        return better with
        {
            Status = better.Objective <= better.Bound ? CpSolverStatus.Optimal : CpSolverStatus.Feasible,
            Phases = better.Phases with { SearchMoves = moves, SearchFrom = outcome.Objective, Neighbourhoods = neighbourhoods },
        };
    }

    /// <summary>
    /// Time left after the rounds (small and medium events, where both phases finish early) goes to the slot model —
    /// times and rooms together on the same lattice — started from the best schedule: it can trade a clash for a
    /// track's room, which the phases cannot. Its bound is over the same schedules and the same objective, so the
    /// larger of the two bounds is kept.
    /// </summary>
    private static Outcome Polish(CandidateSpace lattice, Outcome outcome, string parameters, Stopwatch watch, TimeSpan deadline, CancellationToken ct)
    {
        var left = deadline - watch.Elapsed;
        if (outcome.Status != CpSolverStatus.Feasible || left < TimeSpan.FromSeconds(1) || ct.IsCancellationRequested) return outcome;
        var model = new SlotModel(lattice, PlacesAll(lattice, outcome));
        model.Build();
        model.Hint(outcome.Placements);
        var solver = new CpSolver { StringParameters = WithTime(parameters, left) };
        CpSolverStatus status;
        using (ct.Register(solver.StopSearch))
            status = solver.Solve(model.Cp);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return outcome;
        var bound = Math.Max(outcome.Bound, solver.BestObjectiveBound);
        var placements = model.Read(solver);
        var cost = ObjectiveCost.Of(lattice, placements);
        var better = cost < outcome.Objective ? outcome with { Placements = placements, Objective = cost } : outcome;
        return better with
        {
            Bound = bound,
            Status = better.Objective <= bound ? CpSolverStatus.Optimal : CpSolverStatus.Feasible,
            Phases = better.Phases with { Polished = true },
        };
    }

    private static Outcome Rounds(CandidateSpace lattice, IReadOnlyList<Placement> hint, SolveOptions options, string parameters, Stopwatch watch, TimeSpan deadline, CancellationToken ct)
    {
        var cuts = new List<int[]>();
        var currentHint = hint;
        TimeSpan? first = null;
        var bound = double.NegativeInfinity;
        // The hint is a complete legal schedule on the lattice: the result is never worse, even when phase 1 finds
        // nothing in time (its presolve alone takes seconds at FOSDEM scale on a loaded machine).
        Outcome? best = hint.Count == 0 ? null : new Outcome(CpSolverStatus.Feasible, [.. hint], ObjectiveCost.Of(lattice, hint), double.NaN, null,
            new PhaseFigures(double.NaN, double.NaN, false, double.NaN, double.NaN, false, 0, 0, 0, 0));
        // The track-room and keynote terms' floor over complete schedules (rooms without times, room minutes counted,
        // keynotes alone emptying every room): every other term is ≥ 0, so it bounds every complete schedule, and once
        // a complete one costs less than an unplaced session, every schedule that could be optimal. Proven in a tenth
        // of a second at FOSDEM scale, while phase 1's own bound waits for its root LP.
        var w = lattice.Problem.Weights;
        if ((w.TrackRoom > 0 || w.KeynoteNotAlone > 0) && PlacesAll(lattice, best))
            bound = TrackRoomAssignment.Floor(lattice, CpSatScheduler.FloorTime(options), options.Workers)
                + Forced(lattice);
        for (var round = 1; ; round++)
        {
            var phase = new SlotPhase(lattice, cuts, PlacesAll(lattice, best));
            phase.Build();
            phase.Hint(currentHint);
            // Three quarters of the time for the first round, half of what is left for a later one that may still need
            // another (a Hall cut, or more search from its schedule), all of it for the last; phase 2 is small (a few
            // literals per session, times fixed) and keeps a few seconds at most.
            var left = deadline - watch.Elapsed;
            var reserve = TimeSpan.FromSeconds(Math.Clamp(left.TotalSeconds * 0.15, 0.3, 5));
            var share = round < MaxRounds && left > TimeSpan.FromSeconds(4) ? (round == 1 ? 0.75 : 0.5) : 1.0;
            var slotSolver = new CpSolver { StringParameters = WithTime(parameters, (left - reserve) * share) };
            // Phase 1's objective is in its own terms (rooms as an assignment without times), often below any schedule's
            // cost: the page hears the cost of the best complete schedule so far instead, so its figure only falls.
            var progress = options.Progress is { } report
                ? p => report(p with { Objective = best?.Objective ?? p.Objective, BestBound = Math.Max(0, Math.Max(bound, p.BestBound)) })
                : (Action<SolveProgress>?)null;
            var callback = new CpSatScheduler.ProgressCallback(progress, watch);
            CpSolverStatus slotStatus;
            using (ct.Register(slotSolver.StopSearch))
                slotStatus = ct.IsCancellationRequested ? CpSolverStatus.Unknown : slotSolver.Solve(phase.Cp, callback);
            first ??= callback.First;
            if (slotStatus is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                var none = new PhaseFigures(double.NaN, slotSolver.BestObjectiveBound, false, double.NaN, double.NaN, false, round, phase.RoomSets, cuts.Count, 0);
                // No new schedule: the best so far (the hint at worst) with this round's bound, if it is one.
                if (slotStatus == CpSolverStatus.Infeasible || best is null) return new Outcome(slotStatus, [], double.NaN, double.NaN, first, none);
                var b = Math.Max(bound, Math.Max(0, slotSolver.BestObjectiveBound));
                return best with { Bound = b, First = first, Phases = best.Phases.Rounds == 0 ? none : best.Phases };
            }
            // Every round's cuts are valid, so every round's bound is; every term is at least 0, so 0 is one too (CP-SAT's
            // trivial bound before its presolve and LP have worked is a large negative number).
            bound = Math.Max(Math.Max(bound, 0), slotSolver.BestObjectiveBound);
            var (starts, planned) = phase.Starts(slotSolver);

            // Rooms: not cancellable (it is what turns the best times so far into a schedule) and quick.
            var rooms = new RoomPhase(lattice, phase.Sessions, starts);
            // Phase 1's own room plan where it fits the start, else the previous schedule's room.
            var hintRooms = RoomsOf(lattice, phase.Sessions, currentHint, starts);
            foreach (var (i, r) in planned)
                if (Array.BinarySearch(phase.Sessions[i].Rooms[starts[i]], r) >= 0) hintRooms[i] = r;
            rooms.Hint(hintRooms);
            var roomTime = TimeSpan.FromSeconds(Math.Max(0.3, (deadline - watch.Elapsed).TotalSeconds));
            var roomSolver = new CpSolver { StringParameters = WithTime(parameters, roomTime) };
            var roomStatus = roomSolver.Solve(rooms.Cp);
            var roomSolved = roomStatus is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
            var (placements, unassigned) = roomSolved ? rooms.Read(roomSolver) : ([], [.. starts.Keys]);
            var fresh = unassigned.Count == 0 ? []
                : RoomPhase.HallCuts(phase.Sessions, starts).Where(c => !cuts.Any(k => k.SequenceEqual(c))).ToList();
            if (unassigned.Count > 0) placements = Complete(lattice, phase.Sessions, placements, unassigned);
            var figures = new PhaseFigures(slotSolver.ObjectiveValue, slotSolver.BestObjectiveBound, slotStatus == CpSolverStatus.Optimal,
                roomSolved ? roomSolver.ObjectiveValue : double.NaN, roomSolved ? roomSolver.BestObjectiveBound : double.NaN,
                roomStatus == CpSolverStatus.Optimal, round, phase.RoomSets, cuts.Count, unassigned.Count);
            var objective = ObjectiveCost.Of(lattice, placements);
            var improved = best is null || objective < best.Objective;
            // The figures are always the last round's; the schedule is the cheapest so far (the hint's, or a round's).
            best = best is null || improved
                ? new Outcome(CpSolverStatus.Feasible, placements, objective, bound, first, figures)
                : best with { Phases = figures };
            best = best with { Bound = bound, First = first, Status = best.Objective <= bound ? CpSolverStatus.Optimal : CpSolverStatus.Feasible };

            // Another round for new Hall cuts, or to search on from a better schedule. Not to restart from the same
            // one: that repeats the round's presolve and root LP (seconds at FOSDEM scale), and its LP never finished.
            var again = fresh.Count > 0 || (slotStatus != CpSolverStatus.Optimal && improved);
            if (!again || best.Status == CpSolverStatus.Optimal || round >= MaxRounds || ct.IsCancellationRequested
                || deadline - watch.Elapsed < TimeSpan.FromSeconds(1))
                return best;
            cuts.AddRange(fresh);
            // The next round starts from the best complete schedule so far, which every cut allows (it is legal).
            currentHint = best.Placements;
        }
    }

    /// <summary>
    /// The cost every complete schedule pays in the terms the floor does not count: a session none of whose starts is
    /// inside its speakers' preferences misses them wherever it goes, a popular pair with no two starts apart clashes.
    /// </summary>
    internal static long Forced(CandidateSpace space)
    {
        var problem = space.Problem;
        var w = problem.Weights;
        var placeable = space.Sessions.Where(c => c.Reason is null).ToDictionary(c => c.Session.Id);
        long cost = 0;
        var preferring = Preferences.Speakers(problem);
        if (w.PreferredTime > 0)
            foreach (var c in placeable.Values)
            {
                if (Preferences.Given(c.Session, preferring) && c.Starts.All(g => Preferences.Missed(c.Session, preferring, g)))
                    cost += w.PreferredTime;
            }
        if (w.PopularClash > 0)
            foreach (var p in problem.PopularPairs.Where(p => p.CoStars > 0 && p.A != p.B))
                if (placeable.TryGetValue(p.A, out var a) && placeable.TryGetValue(p.B, out var b)
                    && !a.Starts.Any(x => b.Starts.Any(y => x + a.Session.Duration <= y || y + b.Session.Duration <= x)))
                    cost += (long)w.PopularClash * p.CoStars;
        return cost;
    }

    /// <summary>
    /// A complete schedule (every session the candidates leave a place) cheaper than one unplaced session: then every
    /// optimal schedule is complete (all terms are ≥ 0), so phase 1 may require every session placed and its bound
    /// still bounds every schedule.
    /// </summary>
    internal static bool PlacesAll(CandidateSpace space, Outcome? best) => best is not null && PlacesAll(space, best.Placements, best.Objective);

    /// <summary>The same for a legal schedule on these candidates (the hint) whose cost is <paramref name="cost"/>.</summary>
    internal static bool PlacesAll(CandidateSpace space, IReadOnlyList<Placement> schedule, double cost)
    {
        if (!(cost < space.Problem.Weights.Unplaced)) return false;
        var placed = schedule.Select(p => p.SessionId).ToHashSet();
        return space.Sessions.Where(c => c.Reason is null).All(c => placed.Contains(c.Session.Id));
    }

    /// <summary>
    /// The repair: every session phase 2 could not give a room, most popular first, at the lattice start and room free
    /// of other sessions and of its speakers that adds the fewest co-stars in clash (then the earliest); none: unplaced.
    /// </summary>
    private static List<Placement> Complete(CandidateSpace space, IReadOnlyDictionary<int, SlotPhase.Vars> sessions, List<Placement> placed, List<int> missing)
    {
        var problem = space.Problem;
        var byId = sessions.Values.ToDictionary(v => v.C.Session.Id);
        var result = new List<Placement>(placed);
        var partners = PopularPartners.Of(problem);
        (long Start, long End) Span(Placement p) => (p.Slot.Day * (long)Day + p.Slot.Start, p.Slot.Day * (long)Day + p.Slot.Start + byId[p.SessionId].Duration);
        foreach (var v in missing.Select(i => sessions[i]).OrderByDescending(v => v.C.Session.Popularity).ThenBy(v => v.C.Index))
        {
            var speakers = v.C.Session.SpeakerIds.ToHashSet();
            (long Cost, long Start, int Room)? best = null;
            foreach (var (g, roomsAt) in v.Rooms)
            {
                var end = g + v.Duration;
                var overlapping = result.Where(p => { var (s, e) = Span(p); return s < end && g < e; }).ToList();
                if (overlapping.Any(p => byId[p.SessionId].C.Session.SpeakerIds.Any(speakers.Contains))) continue;
                var busy = overlapping.Select(p => space.RoomIndex[p.Slot.RoomId]).ToHashSet();
                var free = roomsAt.Where(r => !busy.Contains(r)).ToList();
                if (free.Count == 0) continue;
                var cost = partners.TryGetValue(v.C.Session.Id, out var list)
                    ? list.Where(x => overlapping.Any(p => p.SessionId == x.Other)).Sum(x => (long)x.CoStars) : 0;
                if (best is null || cost < best.Value.Cost) best = (cost, g, free[0]);
            }
            if (best is { } b)
                result.Add(new Placement(v.C.Session.Id, new Slot(problem.Rooms[b.Room].Id, (int)(b.Start / Day), (int)(b.Start % Day))));
        }
        return result;
    }

    // The hint's room for each session phase 1 left at the hint's start (then the hint's room is still a candidate).
    private static Dictionary<int, int> RoomsOf(CandidateSpace space, IReadOnlyDictionary<int, SlotPhase.Vars> sessions, IReadOnlyList<Placement> hint, IReadOnlyDictionary<int, long> starts)
    {
        var index = sessions.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
        var result = new Dictionary<int, int>();
        foreach (var p in hint)
            if (index.TryGetValue(p.SessionId, out var i) && starts.TryGetValue(i, out var g) && g == p.Slot.Day * (long)Day + p.Slot.Start
                && space.RoomIndex.TryGetValue(p.Slot.RoomId, out var r))
                result[i] = r;
        return result;
    }

    internal static string WithTime(string parameters, TimeSpan limit) =>
        string.Join(',', parameters.Split(',').Where(p => !p.StartsWith("max_time_in_seconds:", StringComparison.Ordinal))
            .Append($"max_time_in_seconds:{Math.Max(0.1, limit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
