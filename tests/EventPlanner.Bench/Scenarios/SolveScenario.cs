using System.Diagnostics;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Scheduling;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// The automatic schedule (issue 16) in process, no server: a seeded instance of the scale's size, the greedy
/// baseline, the decomposed model (slots, then rooms) for 10 s and for 60 s, the slot and interval models for 60 s on
/// the same instance for comparison, then two re-solves of the decomposed 60 s schedule as a draft (one speaker's
/// availability changes; 5 % of sessions cancelled) to count how many other sessions move.
/// </summary>
public sealed class SolveScenario : IScenario
{
    public string Name => "solve";
    public string Description => "solver: first feasible, objective and bound after 10 s and 60 s, clashes and track room changes vs greedy, re-solve moves";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small, Scales.Fosdem];

    public Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct) => Task.Run(() => Run(run, scale, ct), ct);

    private ScenarioResult Run(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var watch = Stopwatch.StartNew();
        var problem = SolverInstance.Generate(run.Options.Seed, scale.Sessions, scale.Rooms, scale.Days, scale.Tracks, scale.Attendees,
            Math.Max(2, scale.Stars / Math.Max(1, scale.Attendees)));
        result.Figures.Add(new Figure("instance generated", watch.Elapsed.TotalMilliseconds, "ms"));
        result.Notes.Add($"instance: {problem.Sessions.Count} sessions, {problem.Rooms.Count} rooms, {problem.Days.Count} days, {problem.Speakers.Count} speakers, {problem.PopularPairs.Count} popular pairs, grid {problem.GridMinutes} min, seed {run.Options.Seed}");

        watch.Restart();
        var findings = Diagnosis.Explain(problem);
        result.Figures.Add(new Figure("diagnosis (explain infeasible input)", watch.Elapsed.TotalMilliseconds, "ms"));
        result.Check("input explained in under 5 s", watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed.TotalSeconds:F2} s, {findings.Count} findings");

        watch.Restart();
        var greedy = GreedyScheduler.Solve(problem);
        var greedyScore = ScoreCard.Of(problem, greedy.Placements);
        result.Figures.Add(new Figure("greedy baseline", watch.Elapsed.TotalMilliseconds, "ms"));
        Report(run, result, "greedy", greedyScore);
        watch.Restart();
        var hintScore = ScoreCard.Of(problem, GreedyScheduler.SolveAvoidingClashes(problem).Placements);
        result.Figures.Add(new Figure("clash-avoiding greedy (the solver's hint)", watch.Elapsed.TotalMilliseconds, "ms"));
        Report(run, result, "hint", hintScore);

        SolveResult Solve(SchedulingProblem p, int seconds, SchedulingModel model = SchedulingModel.Decomposed) => CpSatScheduler.Solve(p,
            new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds), StopOnInfeasibleInput = false, Seed = run.Options.Seed, Model = model }, ct);

        // The decomposed model for 10 s and 60 s (the figures the targets are about), then the slot and the
        // interval model for 60 s on the same instance for comparison; the re-solves use the decomposed model from its
        // 60 s schedule.
        SolveResult? last = null;
        foreach (var (model, seconds) in new[] { (SchedulingModel.Decomposed, 10), (SchedulingModel.Decomposed, 60), (SchedulingModel.Slot, 60), (SchedulingModel.Interval, 60) })
        {
            ct.ThrowIfCancellationRequested();
            var solved = Solve(problem, seconds, model);
            if (model == SchedulingModel.Decomposed) last = solved;
            var label = $"{model.ToString().ToLowerInvariant()} {seconds} s";
            result.Figures.Add(new Figure($"{label}: first feasible", solved.FirstSolutionAfter?.TotalSeconds ?? double.NaN, "s"));
            result.Figures.Add(new Figure($"{label}: objective", solved.Objective, ""));
            result.Figures.Add(new Figure($"{label}: best bound", solved.BestBound, ""));
            result.Figures.Add(new Figure($"{label}: gap", Gap(solved) * 100, "%"));
            result.Figures.Add(new Figure($"{label}: elapsed", solved.Elapsed.TotalSeconds, "s"));
            Report(run, result, $"cp-sat {label} ({solved.Status})", solved.Score);
            run.Log($"    {label}: first feasible {solved.FirstSolutionAfter?.TotalSeconds:F1} s, objective {solved.Objective}, bound {solved.BestBound}, gap {Gap(solved) * 100:F2} %, elapsed {solved.Elapsed.TotalSeconds:F1} s");
            result.Check($"{label}: hard violations 0", solved.Score.HardViolations == 0, $"{solved.Score.HardViolations}");
            if (solved.Phases is { } ph)
            {
                // Phase 1's own objective and bound (its terms: time terms and one room per track's most sessions at
                // once), phase 2's optimum and bound (track rooms and room-only moves), and the repair.
                result.Figures.Add(new Figure($"{label}: phase 1 objective", ph.SlotObjective, ""));
                result.Figures.Add(new Figure($"{label}: phase 1 bound", ph.SlotBound, ""));
                result.Figures.Add(new Figure($"{label}: phase 2 objective", ph.RoomObjective, ""));
                result.Figures.Add(new Figure($"{label}: phase 2 bound", ph.RoomBound, ""));
                result.Figures.Add(new Figure($"{label}: rounds", ph.Rounds, ""));
                result.Figures.Add(new Figure($"{label}: Hall cuts", ph.HallCuts, ""));
                result.Figures.Add(new Figure($"{label}: sessions repaired", ph.Repaired, "sessions"));
                // The swap-and-move search after the rounds: the objective it started from and the moves it tried.
                result.Figures.Add(new Figure($"{label}: objective before the local search", ph.SearchFrom, ""));
                result.Figures.Add(new Figure($"{label}: local search moves tried", ph.SearchMoves, ""));
                run.Log($"    {label}: phase 1 objective {ph.SlotObjective} bound {ph.SlotBound} (optimal {ph.SlotOptimal}), phase 2 objective {ph.RoomObjective} bound {ph.RoomBound} (optimal {ph.RoomOptimal}), rounds {ph.Rounds}, room sets counted {ph.RoomSetsCounted}, Hall cuts {ph.HallCuts}, repaired {ph.Repaired}, local search from {ph.SearchFrom} ({ph.SearchMoves} moves)");
            }
            if (model == SchedulingModel.Decomposed && seconds == 60)
                result.Check("decomposed 60 s: within 1 % of the proven bound", Gap(solved) < 0.01, $"{Gap(solved) * 100:F2} %");
            if (model == SchedulingModel.Decomposed && seconds == 10)
                result.Check("first feasible under 10 s", solved.FirstSolutionAfter < TimeSpan.FromSeconds(10), $"{solved.FirstSolutionAfter?.TotalSeconds:F1} s");
        }
        var best = last!;
        result.Ratios.Add(new Ratio("popular-pair co-stars in clash, decomposed 60 s / greedy", Ratio(best.Score.ClashCoStars, greedyScore.ClashCoStars), "target <= 0.5"));
        result.Ratios.Add(new Ratio("track room changes, decomposed 60 s / greedy", Ratio(best.Score.TrackRoomChanges, greedyScore.TrackRoomChanges), "lower is better"));
        result.Notes.Add($"decomposed model, 60 s gap to the proven bound: {Gap(best) * 100:F2} % (target under 1 %)");

        // Re-solves from the 60 s schedule as the draft.
        var draft = best.Placements.ToDictionary(p => p.SessionId, p => p.Slot);
        var asDraft = problem with { Draft = draft };
        var random = SeededRandom.For(run.Options.Seed, "solve-resolve");

        // One speaker can no longer come on the day of their (first) session.
        var victim = best.Placements[random.Next(best.Placements.Count)];
        var speakerId = problem.Sessions.Single(s => s.Id == victim.SessionId).SpeakerIds[0];
        var otherDays = problem.Days.Where(d => d.Day != victim.Slot.Day).Select(d => new TimeWindow(d.Day, 0, 24 * 60)).ToList();
        var availabilityChanged = asDraft with
        {
            Speakers = problem.Speakers.Select(sp => sp.Id == speakerId ? sp with { Available = otherDays.Count > 0 ? otherDays : [new TimeWindow(victim.Slot.Day, victim.Slot.Start + 120, 24 * 60)] } : sp).ToList(),
        };
        var theirs = problem.Sessions.Where(s => s.SpeakerIds.Contains(speakerId)).Select(s => s.Id).ToHashSet();
        var resolved = Solve(availabilityChanged, 10);
        var othersMoved = MovedOthers(draft, resolved, theirs);
        result.Figures.Add(new Figure("re-solve after one speaker's availability changed: other sessions moved", othersMoved, "sessions"));
        result.Check("availability change moves at most 3 other sessions", othersMoved <= 3, $"{othersMoved} moved, hard violations {resolved.Score.HardViolations}");

        // 5 % of sessions cancelled.
        var cancelled = problem.Sessions.Where(s => s.Pinned is null).OrderBy(_ => random.Next()).Take(problem.Sessions.Count / 20).Select(s => s.Id).ToHashSet();
        var afterCancel = asDraft with { Sessions = problem.Sessions.Where(s => !cancelled.Contains(s.Id)).ToList() };
        var recut = Solve(afterCancel, 10);
        var moved = MovedOthers(draft, recut, cancelled);
        var share = (double)moved / Math.Max(1, afterCancel.Sessions.Count);
        result.Figures.Add(new Figure("re-solve after cancelling 5 %: other sessions moved", share * 100, "%"));
        result.Check("cancelling 5 % moves under 10 % of the others", share < 0.10, $"{moved} of {afterCancel.Sessions.Count} moved, hard violations {recut.Score.HardViolations}");
        run.Log($"    re-solves: availability change moved {othersMoved} others; cancelling {cancelled.Count} moved {moved} ({share:P1})");

        // The same event with each star drawn from one followed track first (SolverInstance's starsByTrack): main-track
        // talks no longer take nearly every star, so the popular pairs spread over the tracks. Reported beside, not
        // instead: the targets above stay on the instance every earlier run used.
        var spread = SolverInstance.Generate(run.Options.Seed, scale.Sessions, scale.Rooms, scale.Days, scale.Tracks, scale.Attendees,
            Math.Max(2, scale.Stars / Math.Max(1, scale.Attendees)), starsByTrack: true);
        var spreadGreedy = ScoreCard.Of(spread, GreedyScheduler.Solve(spread).Placements);
        Report(run, result, "stars by track: greedy", spreadGreedy);
        var spreadSolved = Solve(spread, 60);
        Report(run, result, $"stars by track: cp-sat decomposed 60 s ({spreadSolved.Status})", spreadSolved.Score);
        result.Figures.Add(new Figure("stars by track: decomposed 60 s: objective", spreadSolved.Objective, ""));
        result.Figures.Add(new Figure("stars by track: decomposed 60 s: best bound", spreadSolved.BestBound, ""));
        result.Figures.Add(new Figure("stars by track: decomposed 60 s: gap", Gap(spreadSolved) * 100, "%"));
        result.Check("stars by track: decomposed 60 s: hard violations 0", spreadSolved.Score.HardViolations == 0, $"{spreadSolved.Score.HardViolations}");
        // The gap target measured on this instance too, reported beside the original's (which stays the target).
        result.Check("stars by track: decomposed 60 s: within 1 % of the proven bound", Gap(spreadSolved) < 0.01, $"{Gap(spreadSolved) * 100:F2} %");
        result.Figures.Add(new Figure("stars by track: decomposed 60 s: elapsed", spreadSolved.Elapsed.TotalSeconds, "s"));
        result.Notes.Add($"stars by track: {spread.PopularPairs.Count} popular pairs; decomposed 60 s gap {Gap(spreadSolved) * 100:F2} %");
        run.Log($"    stars by track: objective {spreadSolved.Objective}, bound {spreadSolved.BestBound}, gap {Gap(spreadSolved) * 100:F2} %, elapsed {spreadSolved.Elapsed.TotalSeconds:F1} s ({spreadSolved.Status})");
        return result;
    }

    private static int MovedOthers(Dictionary<string, Slot> draft, SolveResult solved, HashSet<string> except)
    {
        var now = solved.Placements.ToDictionary(p => p.SessionId, p => p.Slot);
        return draft.Count(d => !except.Contains(d.Key) && (!now.TryGetValue(d.Key, out var slot) || slot != d.Value));
    }

    // Every term of the objective is at least 0, so a bound below 0 (CP-SAT's trivial one before presolve's first bound)
    // proves nothing: the gap is then 100 %, not the millions of per cent the raw figure gives. No solution: NaN.
    private static double Gap(SolveResult r) => double.IsNaN(r.Objective) ? double.NaN
        : r.Objective == 0 ? 0 : (r.Objective - Math.Max(0, r.BestBound)) / r.Objective;

    private static double Ratio(double value, double baseline) => baseline == 0 ? (value == 0 ? 1 : double.PositiveInfinity) : value / baseline;

    private static void Report(BenchRun run, ScenarioResult result, string label, ScoreCard score)
    {
        result.Figures.Add(new Figure($"{label}: placed", score.Placed, "sessions"));
        result.Figures.Add(new Figure($"{label}: hard violations", score.HardViolations, ""));
        result.Figures.Add(new Figure($"{label}: popular-pair clashes", score.PopularPairClashes, "pairs"));
        result.Figures.Add(new Figure($"{label}: co-stars in clash", score.ClashCoStars, "attendees"));
        result.Figures.Add(new Figure($"{label}: track room changes", score.TrackRoomChanges, ""));
        run.Log($"    {label}: placed {score.Placed}, unplaced {score.Unplaced}, hard {score.HardViolations}, clashes {score.PopularPairClashes} ({score.ClashCoStars} co-stars), track room changes {score.TrackRoomChanges}, preference misses {score.PreferredTimeMisses}, keynotes not alone {score.KeynotesNotAlone}");
    }
}
