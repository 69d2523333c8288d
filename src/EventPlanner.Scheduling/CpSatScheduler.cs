using System.Diagnostics;
using Google.OrTools.Sat;
using Google.OrTools.Util;

namespace EventPlanner.Scheduling;

public enum SolveStatus { Optimal, Feasible, Cancelled, InfeasibleInput, NoSolutionFound, ModelInvalid }

/// <summary>
/// Which CP-SAT formulation: <see cref="Interval"/> (any grid start, weak bound), <see cref="Slot"/> (starts on the
/// slot lattice, rooms in the same model; see <see cref="SlotLattice"/>), <see cref="Decomposed"/> (the same starts,
/// slots first with rooms as counts, then rooms; see <see cref="DecomposedSolve"/>), or <see cref="Auto"/>: the
/// decomposed model from <see cref="SolveOptions.SlotModelFrom"/> sessions on, when the lattice leaves every session a
/// start, the interval model otherwise.
/// </summary>
public enum SchedulingModel { Auto, Interval, Slot, Decomposed }

public sealed record SolveOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>CP-SAT runs few strategies with 2 workers; 8 or more is better even on 2 cores.</summary>
    public int Workers { get; init; } = 8;
    public int Seed { get; init; } = 1;
    /// <summary>Rooms offered to one session (its draft room and the tightest fits first); bounds the model at scale.</summary>
    public int MaxRoomsPerSession { get; init; } = 12;
    /// <summary>Stop before solving when <see cref="Diagnosis"/> finds the input cannot be scheduled completely.</summary>
    public bool StopOnInfeasibleInput { get; init; } = true;
    public Action<SolveProgress>? Progress { get; init; }
    public SchedulingModel Model { get; init; } = SchedulingModel.Auto;
    /// <summary>
    /// Placeable sessions from which Auto picks the decomposed model with its local search (below a few hundred the
    /// interval model proves optimality itself over every grid start, which the lattice would only restrict). 500: on
    /// generated events with the app's default 20 s, the decomposed model's schedules cost 5 % less than the interval
    /// model's at 600 sessions and 15 % less at 1,100, and 3 % more at 300 (see the library README).
    /// </summary>
    public int SlotModelFrom { get; init; } = 500;
    /// <summary>
    /// The share of <see cref="TimeLimit"/> kept for the searches after CP-SAT stops without proof (the swap-and-move
    /// search, <see cref="LocalSearch"/>, then the large-neighbourhood search); 0 turns them off. CP-SAT proves small
    /// events optimal long before its share ends. Half: at FOSDEM scale the decomposed model's rounds did not improve
    /// on the hint in 30 s, and on generated events of 600 and 1,100 sessions in the app's 20 s, half (with 0.4 of it
    /// for the large neighbourhoods) gave schedules 3 % and 1 % cheaper than a fifth with the move search alone.
    /// </summary>
    public double SearchShare { get; init; } = 0.5;
    /// <summary>
    /// The part of the search's share that goes, after the swap-and-move search, to the large-neighbourhood search
    /// (<see cref="LargeNeighbourhood"/>: a few dozen sessions freed at a time and re-placed exactly by CP-SAT). The
    /// move search stalls within seconds where a track's room or a speaker's half-day needs several sessions to move
    /// at once; these do. 0 gives the whole share to the move search. 0.7: at FOSDEM scale with stars drawn by track,
    /// three seeds reached the proven bound (4,920) in 49–55 s, where 0.4 left them at 4,970, 4,940 and 4,920; with
    /// the bench's original stars and at 600 sessions in 20 s the two shares were within 1 % of each other.
    /// </summary>
    public double NeighbourhoodShare { get; init; } = 0.7;
    /// <summary>Extra CP-SAT parameters ("name:value,…") for tuning runs and the bench; empty in the app.</summary>
    public string? SolverParameters { get; init; }
}

public sealed record SolveProgress(double Objective, double BestBound, TimeSpan Elapsed, int Solutions);

public sealed record SolveResult(
    SolveStatus Status,
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<Unplaced> Unplaced,
    IReadOnlyList<Finding> Findings,
    ScoreCard Score,
    double Objective,
    double BestBound,
    TimeSpan Elapsed,
    TimeSpan? FirstSolutionAfter,
    ScoreCard GreedyScore,
    SchedulingModel Model = SchedulingModel.Interval,
    PhaseFigures? Phases = null);

/// <summary>
/// The automatic schedule on CP-SAT. Per session: a start variable whose domain holds only the starts the per-session
/// hard constraints allow, a "placed" literal and one literal per candidate room (optional intervals); the rooms'
/// and speakers' NoOverlap constraints do the rest. Soft terms are sparse: one clash literal per popular pair, one
/// room-use literal per track and room, one literal per preference, keynote and draft placement.
/// </summary>
public static class CpSatScheduler
{
    public static SolveResult Solve(SchedulingProblem problem, SolveOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SolveOptions();
        // CP-SAT's callbacks (one per phase-1 round) and the local search report in turn: one count of schedules found.
        if (options.Progress is { } report)
        {
            var found = 0;
            options = options with { Progress = p => report(p with { Solutions = Interlocked.Increment(ref found) }) };
        }
        var watch = Stopwatch.StartNew();
        var space = new CandidateSpace(problem, options.MaxRoomsPerSession);
        // Counted without the room cap: the cap is the model's shortcut, not a fact about the event.
        var findings = Diagnosis.Explain(space.Sessions.Any(c => c.Rooms.Count < c.SuitableRooms.Count && c.Session.Pinned is null && c.Reason is null)
            ? new CandidateSpace(problem) : space);
        var greedy = GreedyScheduler.Solve(space);
        var greedyScore = ScoreCard.Of(problem, greedy.Placements);
        if (findings.Count > 0 && options.StopOnInfeasibleInput)
            return new(SolveStatus.InfeasibleInput, [], space.Sessions.Where(c => c.Reason is not null).Select(c => new Unplaced(c.Session.Id, c.Constraint!, c.Reason!)).ToList(),
                findings, ScoreCard.Of(problem, []), double.NaN, double.NaN, watch.Elapsed, null, greedyScore);

        var (kind, modelSpace) = Choose(options, space);
        // The hint avoids clashes as it goes (on the model's own starts); the plain first fit on the full candidates
        // stays the baseline the score card compares with.
        var hint = GreedyScheduler.Solve(modelSpace, avoidClashes: true);
        var plain = ReferenceEquals(modelSpace, space) ? greedy : GreedyScheduler.Solve(modelSpace);
        var hintPlacements = hint.Placements.Count >= plain.Placements.Count ? hint.Placements : plain.Placements;
        if (kind == SchedulingModel.Decomposed)
            return Result(problem, modelSpace, DecomposedSolve.Run(modelSpace, hintPlacements, options, Parameters(options, kind), watch, ct),
                findings, greedy, greedyScore, watch, ct);
        ISolverModel m = kind == SchedulingModel.Slot
            ? new SlotModel(modelSpace, DecomposedSolve.PlacesAll(modelSpace, hintPlacements, ObjectiveCost.Of(modelSpace, hintPlacements)))
            : new Model(space);
        m.Build();
        m.Hint(hintPlacements);

        // CP-SAT keeps the time the local search needs after it (see Improve); a small event is proven long before.
        var searchTime = SearchTime(options, kind);
        var solver = new CpSolver
        {
            StringParameters = Parameters(options with { TimeLimit = options.TimeLimit - searchTime }, kind),
        };
        var callback = new ProgressCallback(options.Progress, watch);
        CpSolverStatus status;
        using (ct.Register(solver.StopSearch))
        {
            status = ct.IsCancellationRequested ? CpSolverStatus.Unknown : solver.Solve(m.Cp, callback);
        }

        var solved = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var placements = solved ? m.Read(solver) : greedy.Placements;
        var (objective, bound) = solved ? (solver.ObjectiveValue, solver.BestObjectiveBound) : (double.NaN, double.NaN);
        var first = callback.First;
        // Stopped without proof, or without any answer in its share (a large event on a loaded machine): the search
        // goes on from CP-SAT's schedule, or from the hint, a complete legal schedule on the same candidates.
        if (!ct.IsCancellationRequested && (status == CpSolverStatus.Feasible || (status == CpSolverStatus.Unknown && hintPlacements.Count > 0)))
        {
            first ??= watch.Elapsed;
            (placements, objective, bound) = Improve(modelSpace, solved ? placements : hintPlacements, solved ? bound : 0, options, searchTime, watch, ct);
            status = objective <= bound ? CpSolverStatus.Optimal : CpSolverStatus.Feasible;
            solved = true;
        }
        var unplaced = solved ? Unplaced(modelSpace, placements) : greedy.Unplaced;
        var result = status switch
        {
            CpSolverStatus.Optimal => SolveStatus.Optimal,
            CpSolverStatus.Feasible when ct.IsCancellationRequested => SolveStatus.Cancelled,
            CpSolverStatus.Feasible => SolveStatus.Feasible,
            CpSolverStatus.ModelInvalid => SolveStatus.ModelInvalid,
            _ when ct.IsCancellationRequested => SolveStatus.Cancelled,
            _ => SolveStatus.NoSolutionFound, // placements fall back to the greedy baseline
        };
        return new(result, placements, unplaced, findings, ScoreCard.Of(problem, placements),
            objective, bound, watch.Elapsed, first, greedyScore, kind);
    }

    /// <summary>
    /// After a CP-SAT model stopped at its time limit without proof: the objective becomes the schedule's own cost (a
    /// feasible CP-SAT answer may carry a loose clash literal), the searches (<see cref="Searches"/>) run for what is
    /// left of the limit, and the bound is raised to the track-room floor where that holds (every
    /// session placed by a schedule cheaper than one unplaced session; see <see cref="DecomposedSolve.Forced"/>). The
    /// floor bounds every complete schedule on these candidates, whichever model found it.
    /// </summary>
    private static (IReadOnlyList<Placement> Placements, double Objective, double Bound) Improve(CandidateSpace space,
        IReadOnlyList<Placement> placements, double bound, SolveOptions options, TimeSpan searchTime, Stopwatch watch, CancellationToken ct)
    {
        var until = watch.Elapsed + searchTime - FloorTime(options);
        var found = Searches(space, placements, options, Parameters(options, SchedulingModel.Slot), watch, until, bound, ct,
            cost => options.Progress?.Invoke(new SolveProgress(cost, Math.Max(0, bound), watch.Elapsed, 0)), out _, out _);
        var cost = ObjectiveCost.Of(space, found);
        var own = ObjectiveCost.Of(space, placements);
        var (best, objective) = cost < own ? (found, cost) : (placements, own);
        var w = space.Problem.Weights;
        if ((w.TrackRoom > 0 || w.KeynoteNotAlone > 0) && DecomposedSolve.PlacesAll(space, best, objective) && !ct.IsCancellationRequested)
            bound = Math.Max(bound, TrackRoomAssignment.Floor(space, FloorTime(options), options.Workers)
                + DecomposedSolve.Forced(space));
        return (best, objective, Math.Max(0, bound));
    }

    /// <summary>
    /// The move search, then the large-neighbourhood search from its schedule (<see cref="SolveOptions.NeighbourhoodShare"/>
    /// of the time to <paramref name="until"/>), both on <paramref name="space"/>'s candidates; the cheaper schedule.
    /// </summary>
    internal static List<Placement> Searches(CandidateSpace space, IReadOnlyList<Placement> placements, SolveOptions options, string parameters,
        Stopwatch watch, TimeSpan until, double bound, CancellationToken ct, Action<long> improved, out long moves, out int neighbourhoods)
    {
        // Both stop at a proven bound: a small event whose rooms phase 2 could not match at phase 1's optimum reaches
        // it in a fraction of a second and would otherwise search on for the whole share.
        var floor = double.IsNaN(bound) ? 0 : (long)Math.Ceiling(bound - 1e-6);
        var span = until - watch.Elapsed;
        var search = new LocalSearch(space, placements, options.Seed);
        moves = search.Run(watch, until - span * Math.Clamp(options.NeighbourhoodShare, 0, 1), long.MaxValue, ct, improved, floor);
        var found = search.Placements();
        neighbourhoods = 0;
        if (options.NeighbourhoodShare <= 0 || ct.IsCancellationRequested || search.Cost <= floor || until - watch.Elapsed < TimeSpan.FromSeconds(0.5)) return found;
        var large = new LargeNeighbourhood(space, found, options.Seed);
        large.Run(watch, until, parameters, ct, improved, floor: floor);
        neighbourhoods = large.Tried;
        return large.Placements();
    }

    private static SolveResult Result(SchedulingProblem problem, CandidateSpace space, DecomposedSolve.Outcome outcome,
        IReadOnlyList<Finding> findings, GreedyResult greedy, ScoreCard greedyScore, Stopwatch watch, CancellationToken ct)
    {
        var solved = outcome.Status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var placements = solved ? outcome.Placements : greedy.Placements;
        var status = outcome.Status switch
        {
            CpSolverStatus.Optimal => SolveStatus.Optimal,
            CpSolverStatus.Feasible when ct.IsCancellationRequested => SolveStatus.Cancelled,
            CpSolverStatus.Feasible => SolveStatus.Feasible,
            CpSolverStatus.ModelInvalid => SolveStatus.ModelInvalid,
            _ when ct.IsCancellationRequested => SolveStatus.Cancelled,
            _ => SolveStatus.NoSolutionFound,
        };
        return new(status, placements, solved ? Unplaced(space, placements) : greedy.Unplaced, findings, ScoreCard.Of(problem, placements),
            outcome.Objective, outcome.Bound, watch.Elapsed, outcome.First, greedyScore, SchedulingModel.Decomposed, outcome.Phases);
    }

    /// <summary>
    /// Time after CP-SAT: the search's share on the slot lattice, and the floor's few tenths of a second. The interval
    /// model keeps its whole limit but the floor's: on a five-minute grid the search mostly meets occupied starts, and
    /// on generated events of 300 sessions CP-SAT alone did better in the same time (see the library README).
    /// </summary>
    private static TimeSpan SearchTime(SolveOptions options, SchedulingModel kind) =>
        (kind == SchedulingModel.Interval ? TimeSpan.Zero : options.TimeLimit * Math.Clamp(options.SearchShare, 0, 1)) + FloorTime(options);

    internal static TimeSpan FloorTime(SolveOptions options) => TimeSpan.FromSeconds(Math.Clamp(options.TimeLimit.TotalSeconds * 0.03, 0.2, 1));

    // CP-SAT aborts the process on a field given twice, so the extras replace the defaults by name.
    private static string Parameters(SolveOptions options, SchedulingModel kind)
    {
        var list = new List<(string Name, string Value)>
        {
            ("num_workers", Math.Max(1, options.Workers).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("max_time_in_seconds", Math.Max(0.1, options.TimeLimit.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("random_seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("log_search_progress", "false"),
        };
        // The slot model at FOSDEM scale: presolve's second and third rounds took 13 of 20 s and removed 0.1 % of the
        // variables (measured under load, see the README); one round leaves that time to the search.
        if (kind is SchedulingModel.Slot or SchedulingModel.Decomposed) list.Add(("max_presolve_iterations", "1"));
        foreach (var extra in (options.SolverParameters ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (extra.Split(':', 2)[0], extra.Contains(':') ? extra.Split(':', 2)[1] : "");
            list.RemoveAll(x => x.Name == name);
            list.Add((name, value));
        }
        return string.Join(',', list.Select(x => $"{x.Name}:{x.Value}"));
    }

    private static (SchedulingModel Kind, CandidateSpace Space) Choose(SolveOptions options, CandidateSpace space)
    {
        if (options.Model == SchedulingModel.Interval) return (SchedulingModel.Interval, space);
        if (options.Model == SchedulingModel.Auto
            && space.Sessions.Count(c => c.Reason is null && c.Session.Pinned is null) < options.SlotModelFrom) return (SchedulingModel.Interval, space);
        var lattice = SlotLattice.Restrict(space);
        if (options.Model is SchedulingModel.Slot or SchedulingModel.Decomposed) return (options.Model, lattice);
        // Auto never lets the lattice cost a session its place: a start off every slot (a speaker free 10:10-10:50
        // for a 40-minute talk on slots from 10:00) keeps the interval model.
        return SlotLattice.Lost(space, lattice) == 0 ? (SchedulingModel.Decomposed, lattice) : (SchedulingModel.Interval, space);
    }

    private static List<Unplaced> Unplaced(CandidateSpace space, IReadOnlyList<Placement> placements)
    {
        var placed = placements.Select(p => p.SessionId).ToHashSet();
        return space.Sessions.Where(c => !placed.Contains(c.Session.Id))
            .Select(c => c.Reason is not null ? new Unplaced(c.Session.Id, c.Constraint!, c.Reason)
                : new Unplaced(c.Session.Id, "room-time", $"{c.Session.Id}: no free room at any time its speakers can make (the rooms it may use are full)"))
            .ToList();
    }

    internal sealed class ProgressCallback(Action<SolveProgress>? progress, Stopwatch watch) : CpSolverSolutionCallback
    {
        private int solutions;
        public TimeSpan? First { get; private set; }

        public override void OnSolutionCallback()
        {
            solutions++;
            First ??= watch.Elapsed;
            progress?.Invoke(new SolveProgress(ObjectiveValue(), BestObjectiveBound(), watch.Elapsed, solutions));
        }
    }

    private sealed class Model(CandidateSpace space) : ISolverModel
    {
        private const int Day = CandidateSpace.DayMinutes;
        public CpModel Cp { get; } = new();
        private readonly SchedulingProblem problem = space.Problem;
        private readonly Dictionary<int, SessionVars> vars = [];
        private readonly LinearExprBuilder objective = LinearExpr.NewBuilder();
        private readonly List<(BoolVar Clash, BoolVar AFirst, BoolVar BFirst, int A, int B)> pairs = [];
        private readonly Dictionary<(string Track, int Room), BoolVar> trackRooms = [];
        private readonly List<(BoolVar Miss, long[] Preferred, int Session)> preferences = [];
        private readonly List<(BoolVar Alone, int Session)> keynotes = [];
        private readonly List<(BoolVar Stay, int Room, long Start, int Session)> stays = [];
        private readonly List<TrackDay> trackDays = [];
        private readonly Dictionary<(int Session, int Day), BoolVar> onDay = [];

        /// <summary>One track on one day: its first start, last end and idle quarter hours between them.</summary>
        private sealed record TrackDay(int Day, List<int> Sessions, IntVar First, IntVar Last, IntVar GapQuarters);

        private sealed record SessionVars(SessionCandidates C, BoolVar Placed, IntVar Start, IntervalVar Interval, Dictionary<int, BoolVar> Rooms);

        public void Build()
        {
            var w = problem.Weights;
            var roomIntervals = new Dictionary<int, List<IntervalVar>>();
            foreach (var c in space.Sessions.Where(c => c.Reason is null))
            {
                var s = c.Session;
                var placed = Cp.NewBoolVar($"placed_{c.Index}");
                var start = Cp.NewIntVarFromDomain(Domain.FromValues(c.Starts), $"start_{c.Index}");
                var interval = Cp.NewOptionalFixedSizeIntervalVar(start, s.Duration, placed, $"iv_{c.Index}");
                var rooms = new Dictionary<int, BoolVar>();
                foreach (var rs in c.Rooms)
                {
                    var z = c.Rooms.Count == 1 ? placed : Cp.NewBoolVar($"room_{c.Index}_{rs.Room}");
                    rooms[rs.Room] = z;
                    if (rs.Starts.Length < c.Starts.Length) Cp.AddLinearExpressionInDomain(start, Domain.FromValues(rs.Starts)).OnlyEnforceIf(z);
                    var iv = c.Rooms.Count == 1 ? interval : Cp.NewOptionalFixedSizeIntervalVar(start, s.Duration, z, $"iv_{c.Index}_{rs.Room}");
                    (roomIntervals.TryGetValue(rs.Room, out var list) ? list : roomIntervals[rs.Room] = []).Add(iv);
                }
                if (c.Rooms.Count > 1) Cp.Add(LinearExpr.Sum(rooms.Values) == placed);
                if (s.Pinned is not null) Cp.Add(placed == 1);
                objective.AddTerm(placed.Not(), w.Unplaced);
                vars[c.Index] = new SessionVars(c, placed, start, interval, rooms);
            }

            foreach (var list in roomIntervals.Values.Where(l => l.Count > 1)) Cp.AddNoOverlap(list);
            foreach (var group in vars.Values.SelectMany(v => v.C.Session.SpeakerIds.Distinct().Select(sp => (sp, v))).GroupBy(x => x.sp).Where(g => g.Count() > 1))
                Cp.AddNoOverlap(group.Select(x => x.v.Interval));

            // Popular pairs: clash unless one ends before the other starts (sparse: only the listed pairs).
            var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
            foreach (var p in problem.PopularPairs.Where(p => p.CoStars > 0 && w.PopularClash > 0))
            {
                if (!index.TryGetValue(p.A, out var a) || !index.TryGetValue(p.B, out var b) || a == b) continue;
                var va = vars[a]; var vb = vars[b];
                if (va.C.Starts[^1] + va.C.Session.Duration <= vb.C.Starts[0] || vb.C.Starts[^1] + vb.C.Session.Duration <= va.C.Starts[0]) continue;
                var clash = Cp.NewBoolVar($"clash_{a}_{b}");
                var aFirst = Cp.NewBoolVar($"afirst_{a}_{b}");
                var bFirst = Cp.NewBoolVar($"bfirst_{a}_{b}");
                Cp.Add(vb.Start >= va.Start + va.C.Session.Duration).OnlyEnforceIf(aFirst);
                Cp.Add(va.Start >= vb.Start + vb.C.Session.Duration).OnlyEnforceIf(bFirst);
                Cp.AddBoolOr([clash, aFirst, bFirst, va.Placed.Not(), vb.Placed.Not()]);
                objective.AddTerm(clash, (long)w.PopularClash * p.CoStars);
                pairs.Add((clash, aFirst, bFirst, a, b));
            }

            // A track in as few rooms as possible: one literal per (track, room) it uses.
            if (w.TrackRoom > 0)
                foreach (var v in vars.Values.Where(v => v.C.Session.Track is not null))
                    foreach (var (room, z) in v.Rooms)
                    {
                        var key = (v.C.Session.Track!, room);
                        if (!trackRooms.TryGetValue(key, out var uses))
                        {
                            trackRooms[key] = uses = Cp.NewBoolVar($"track_{key.Item1}_{room}");
                            objective.AddTerm(uses, w.TrackRoom);
                        }
                        Cp.AddImplication(z, uses);
                    }

            if (w.TrackGap > 0) TrackGaps(w.TrackGap);

            // Speakers' preferred times: a miss literal, false only inside every preference given.
            var speakers = Preferences.Speakers(problem);
            if (w.PreferredTime > 0)
                foreach (var v in vars.Values)
                {
                    var s = v.C.Session;
                    if (!Preferences.Given(s, speakers)) continue;
                    var ok = v.C.Starts.Where(g => !Preferences.Missed(s, speakers, g)).ToArray();
                    var miss = Cp.NewBoolVar($"miss_{v.C.Index}");
                    objective.AddTerm(miss, w.PreferredTime);
                    if (ok.Length == 0) Cp.Add(miss == v.Placed);
                    else Cp.AddLinearExpressionInDomain(v.Start, Domain.FromValues(ok)).OnlyEnforceIf([miss.Not(), v.Placed]);
                    preferences.Add((miss, ok, v.C.Index));
                }

            // Keynotes alone: a cumulative of every session (demand 1) with capacity rooms + 1, where a keynote that is
            // alone adds an interval of demand "rooms": then nothing else may run beside it.
            var keynoteVars = vars.Values.Where(v => v.C.Session.Keynote).ToList();
            if (keynoteVars.Count > 0 && w.KeynoteNotAlone > 0)
            {
                var rooms = problem.Rooms.Count;
                var cumulative = Cp.AddCumulative(rooms + 1);
                foreach (var v in vars.Values) cumulative.AddDemand(v.Interval, 1);
                foreach (var v in keynoteVars)
                {
                    var alone = Cp.NewBoolVar($"alone_{v.C.Index}");
                    Cp.AddImplication(alone, v.Placed);
                    cumulative.AddDemand(Cp.NewOptionalFixedSizeIntervalVar(v.Start, v.C.Session.Duration, alone, $"alone_iv_{v.C.Index}"), rooms);
                    objective.AddTerm(alone, -w.KeynoteNotAlone);
                    objective.Add(w.KeynoteNotAlone);
                    keynotes.Add((alone, v.C.Index));
                }
            }

            // Fewer moves from the draft: a stay literal per session the draft placed legally.
            if (w.Move > 0)
                foreach (var v in vars.Values)
                {
                    if (!problem.Draft.TryGetValue(v.C.Session.Id, out var d) || !space.RoomIndex.TryGetValue(d.RoomId, out var r) || !v.Rooms.TryGetValue(r, out var z)) continue;
                    long g = d.Day * Day + d.Start;
                    if (Array.BinarySearch(v.C.Rooms.First(x => x.Room == r).Starts, g) < 0) continue;
                    var stay = Cp.NewBoolVar($"stay_{v.C.Index}");
                    Cp.Add(v.Start == g).OnlyEnforceIf(stay);
                    Cp.AddImplication(stay, z);
                    objective.AddTerm(stay, -w.Move);
                    objective.Add(w.Move);
                    stays.Add((stay, r, g, v.C.Index));
                }

            Cp.Minimize(objective);
        }

        /// <summary>
        /// A track in consecutive slots: per track and day, first start and last end over the sessions placed that
        /// day, and the idle quarter hours between them beyond the sessions' own minutes (0 when they follow each other,
        /// also when the track runs in two rooms at once). Only tracks with two or more sessions that may share a day.
        /// </summary>
        private void TrackGaps(int weight)
        {
            foreach (var track in vars.Values.Where(v => v.C.Session.Track is not null).GroupBy(v => v.C.Session.Track!))
            {
                var byDay = track.SelectMany(v => v.C.Starts.Select(g => (int)(g / Day)).Distinct().Select(d => (d, v))).GroupBy(x => x.d).Where(g => g.Count() > 1).ToList();
                foreach (var day in byDay)
                {
                    var d = day.Key;
                    var first = Cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tfirst_{track.Key}_{d}");
                    var last = Cp.NewIntVar(d * (long)Day, (d + 1) * (long)Day, $"tlast_{track.Key}_{d}");
                    var minutes = LinearExpr.NewBuilder();
                    foreach (var (_, v) in day)
                    {
                        var on = OnDay(v, d);
                        Cp.Add(first <= v.Start).OnlyEnforceIf(on);
                        Cp.Add(last >= v.Start + v.C.Session.Duration).OnlyEnforceIf(on);
                        minutes.AddTerm(on, v.C.Session.Duration);
                    }
                    var gap = Cp.NewIntVar(0, Day / 15, $"tgap_{track.Key}_{d}");
                    Cp.Add(15 * gap >= last - first - minutes);
                    objective.AddTerm(gap, weight);
                    trackDays.Add(new TrackDay(d, day.Select(x => x.v.C.Index).ToList(), first, last, gap));
                }
            }
        }

        /// <summary>"Placed on day d": exactly one per placed session, and it holds the start inside that day.</summary>
        private BoolVar OnDay(SessionVars v, int d)
        {
            if (onDay.TryGetValue((v.C.Index, d), out var known)) return known;
            var days = v.C.Starts.Select(g => (int)(g / Day)).Distinct().ToList();
            if (days.Count == 1) return onDay[(v.C.Index, d)] = v.Placed;
            foreach (var x in days)
            {
                var lit = Cp.NewBoolVar($"on_{v.C.Index}_{x}");
                Cp.AddImplication(lit, v.Placed);
                Cp.AddLinearConstraint(v.Start, x * (long)Day, (x + 1) * (long)Day - 1).OnlyEnforceIf(lit);
                onDay[(v.C.Index, x)] = lit;
            }
            Cp.Add(LinearExpr.Sum(days.Select(x => onDay[(v.C.Index, x)])) == v.Placed);
            return onDay[(v.C.Index, d)];
        }

        /// <summary>A complete hint from a legal placement (the greedy one), so the first solution comes at once.</summary>
        public void Hint(IReadOnlyList<Placement> placements)
        {
            var at = new Dictionary<int, (int Room, long Start)>();
            var index = vars.Values.ToDictionary(v => v.C.Session.Id, v => v.C.Index);
            foreach (var p in placements)
                if (index.TryGetValue(p.SessionId, out var i))
                    at[i] = (space.RoomIndex[p.Slot.RoomId], p.Slot.Day * (long)Day + p.Slot.Start);
            foreach (var v in vars.Values)
            {
                var has = at.TryGetValue(v.C.Index, out var x);
                Cp.AddHint(v.Placed, has);
                Cp.AddHint(v.Start, has ? x.Start : v.C.Starts[0]);
                foreach (var (room, z) in v.Rooms) if (!ReferenceEquals(z, v.Placed)) Cp.AddHint(z, has && room == x.Room);
            }
            foreach (var (clash, aFirst, bFirst, a, b) in pairs)
            {
                bool hasA = at.TryGetValue(a, out var pa), hasB = at.TryGetValue(b, out var pb);
                var af = hasA && hasB && pb.Start >= pa.Start + vars[a].C.Session.Duration;
                var bf = hasA && hasB && pa.Start >= pb.Start + vars[b].C.Session.Duration;
                Cp.AddHint(aFirst, af);
                Cp.AddHint(bFirst, bf);
                Cp.AddHint(clash, hasA && hasB && !af && !bf);
            }
            foreach (var ((track, room), uses) in trackRooms)
                Cp.AddHint(uses, vars.Values.Any(v => v.C.Session.Track == track && at.TryGetValue(v.C.Index, out var x) && x.Room == room));
            foreach (var (miss, ok, i) in preferences)
                Cp.AddHint(miss, at.TryGetValue(i, out var x) && Array.BinarySearch(ok, x.Start) < 0);
            foreach (var (alone, i) in keynotes)
            {
                var d = vars[i].C.Session.Duration;
                Cp.AddHint(alone, at.TryGetValue(i, out var x) && !at.Any(o => o.Key != i && o.Value.Start < x.Start + d && x.Start < o.Value.Start + vars[o.Key].C.Session.Duration));
            }
            foreach (var (stay, room, start, i) in stays)
                Cp.AddHint(stay, at.TryGetValue(i, out var x) && x.Room == room && x.Start == start);
            foreach (var ((i, d), on) in onDay)
                if (!ReferenceEquals(on, vars[i].Placed)) Cp.AddHint(on, at.TryGetValue(i, out var x) && x.Start / Day == d);
            foreach (var t in trackDays)
            {
                var (first, last, quarters) = SlotTerms.TrackDayHint(t.Day,
                    t.Sessions.Where(i => at.TryGetValue(i, out var x) && x.Start / Day == t.Day).Select(i => (at[i].Start, vars[i].C.Session.Duration)));
                Cp.AddHint(t.First, first);
                Cp.AddHint(t.Last, last);
                Cp.AddHint(t.GapQuarters, quarters);
            }
        }

        public List<Placement> Read(CpSolver solver)
        {
            var result = new List<Placement>();
            foreach (var v in vars.Values.Where(v => solver.BooleanValue(v.Placed)))
            {
                var room = v.Rooms.First(r => solver.BooleanValue(r.Value)).Key;
                var g = solver.Value(v.Start);
                result.Add(new Placement(v.C.Session.Id, new Slot(problem.Rooms[room].Id, (int)(g / Day), (int)(g % Day))));
            }
            return result;
        }
    }
}
