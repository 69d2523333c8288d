namespace EventPlanner.Scheduling;

/// <summary>Something in the input that makes a complete schedule impossible, said in the organiser's terms.</summary>
public sealed record Finding(string Constraint, string Message, IReadOnlyList<string> SessionIds);

/// <summary>
/// Explains infeasible input before solving, by counting: a session with no legal placement at all, more session
/// minutes or sessions than the rooms a group can use offer (per day where the group is confined to one day),
/// a speaker with more talk time than availability, pinned sessions that collide.
/// </summary>
public static class Diagnosis
{
    public static IReadOnlyList<Finding> Explain(SchedulingProblem problem) => Explain(new CandidateSpace(problem));

    internal static IReadOnlyList<Finding> Explain(CandidateSpace space)
    {
        var problem = space.Problem;
        var findings = new List<Finding>();
        foreach (var c in space.Sessions.Where(c => c.Reason is not null))
            findings.Add(new(c.Constraint!, c.Reason!, [c.Session.Id]));

        var placeable = space.Sessions.Where(c => c.Reason is null).ToList();
        // Hall-type counts over the distinct room sets sessions may use: sessions confined to a set of rooms
        // (and, if so, to one day) cannot outnumber the slots those rooms offer.
        var roomSets = placeable.Select(c => c.Rooms.Select(r => r.Room).Order().ToArray())
            .DistinctBy(set => string.Join(',', set)).ToList();
        var reported = new HashSet<string>();
        foreach (var set in roomSets)
        {
            var members = set.ToHashSet();
            var group = placeable.Where(c => c.Rooms.All(r => members.Contains(r.Room))).ToList();
            var confined = group.Where(c => c.Starts[0] / CandidateSpace.DayMinutes == c.Starts[^1] / CandidateSpace.DayMinutes)
                .GroupBy(c => (int)(c.Starts[0] / CandidateSpace.DayMinutes)).Select(g => (Day: g.Key, Sessions: g.ToList()));
            foreach (var (day, sessions) in confined.Append((-1, group)))
            {
                var days = day == -1 ? Enumerable.Range(0, space.DayCount).ToList() : [day];
                var shortest = sessions.Min(c => c.Session.Duration);
                long freeMinutes = 0, slots = 0;
                foreach (var r in set)
                    foreach (var d in days)
                        foreach (var run in FreeRuns(space.RoomFree[r], d))
                        {
                            freeMinutes += run;
                            slots += run / shortest;
                        }
                var demand = sessions.Sum(c => (long)c.Session.Duration);
                if (sessions.Count <= slots && demand <= freeMinutes) continue;
                var key = string.Join(',', sessions.Select(c => c.Index).Order());
                if (!reported.Add(key)) continue;
                var where = day == -1 ? "" : $" on day {day + 1}";
                findings.Add(new("room-time",
                    $"{sessions.Count} sessions ({demand} min) {Describe(problem, sessions, set)}{where} but there are {slots} such slots of {shortest} min ({freeMinutes} free room-minutes)",
                    sessions.Select(c => c.Session.Id).ToList()));
            }
        }

        // A speaker cannot give more talk time than they are available for.
        foreach (var sp in problem.Speakers.Where(sp => sp.Available is not null))
        {
            var theirs = problem.Sessions.Where(s => s.SpeakerIds.Contains(sp.Id)).ToList();
            var need = theirs.Sum(s => s.Duration);
            var have = sp.Available!.Sum(w =>
            {
                var day = problem.Days.FirstOrDefault(d => d.Day == w.Day);
                return day is null ? 0 : Math.Max(0, Math.Min(w.End, day.Closes) - Math.Max(w.Start, day.Opens));
            });
            if (theirs.Count > 1 && need > have)
                findings.Add(new("speaker-availability", $"speaker {sp.Id} has {theirs.Count} sessions ({need} min) but is available for {have} min during opening hours", theirs.Select(s => s.Id).ToList()));
        }

        // Pinned sessions that collide with each other.
        var pinned = problem.Sessions.Where(s => s.Pinned is not null).Select(s => new Placement(s.Id, s.Pinned!)).ToList();
        foreach (var v in ScheduleChecker.Check(problem, pinned).Where(v => v.Constraint is "room" or "speaker"))
            findings.Add(new("pinned", $"pinned sessions collide: {v.Message}", v.SessionIds));
        return findings;
    }

    private static IEnumerable<int> FreeRuns(bool[] free, int day)
    {
        var run = 0;
        for (var m = 0; m < CandidateSpace.DayMinutes; m++)
        {
            if (free[day * CandidateSpace.DayMinutes + m]) run++;
            else if (run > 0) { yield return run; run = 0; }
        }
        if (run > 0) yield return run;
    }

    private static string Describe(SchedulingProblem problem, List<SessionCandidates> sessions, int[] rooms)
    {
        var names = rooms.Length <= 4 ? string.Join(", ", rooms.Select(r => problem.Rooms[r].Id)) : $"{rooms.Length} rooms";
        if (sessions.All(c => c.Session.NeedsStepFree)) return $"need a step-free room ({names})";
        var type = sessions[0].Session.Type;
        if (sessions.All(c => c.Session.Type == type) && rooms.All(r => problem.Rooms[r].SessionTypes is not null))
            return $"of type '{type}' need a room that takes them ({names})";
        var track = sessions[0].Session.Track;
        if (track is not null && sessions.All(c => c.Session.Track == track)) return $"of track '{track}' can only use {names}";
        return $"can only use {names}";
    }
}
