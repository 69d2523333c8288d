namespace EventPlanner.Scheduling;

/// <summary>What the organiser reads next to a proposal. Hard violations come from <see cref="ScheduleChecker"/>.</summary>
public sealed record ScoreCard(
    int HardViolations,
    int Placed,
    int Unplaced,
    int PopularPairClashes,
    long ClashCoStars,
    int TrackRoomChanges,
    int PreferredTimeMisses,
    int KeynotesNotAlone,
    int MovesFromDraft,
    int TrackGapMinutes = 0)
{
    public static ScoreCard Of(SchedulingProblem problem, IReadOnlyList<Placement> placements)
    {
        var sessions = problem.Sessions.ToDictionary(s => s.Id);
        var at = placements.Where(p => sessions.ContainsKey(p.SessionId)).GroupBy(p => p.SessionId).ToDictionary(g => g.Key, g => g.First().Slot);
        bool Overlap(string a, string b) => at.TryGetValue(a, out var x) && at.TryGetValue(b, out var y) && x.Day == y.Day
            && x.Start < y.Start + sessions[b].Duration && y.Start < x.Start + sessions[a].Duration;

        var clashes = problem.PopularPairs.Where(p => sessions.ContainsKey(p.A) && sessions.ContainsKey(p.B) && Overlap(p.A, p.B)).ToList();
        var trackChanges = problem.Sessions.Where(s => s.Track is not null && at.ContainsKey(s.Id)).GroupBy(s => s.Track)
            .Sum(g => g.Select(s => at[s.Id].RoomId).Distinct().Count() - 1);
        var speakers = Preferences.Speakers(problem);
        var misses = problem.Sessions.Count(s => at.TryGetValue(s.Id, out var slot) && Preferences.Missed(s, speakers, slot.Day, slot.Start));
        var keynotes = problem.Sessions.Count(k => k.Keynote && at.ContainsKey(k.Id)
            && problem.Sessions.Any(o => o.Id != k.Id && Overlap(k.Id, o.Id)));
        var moves = problem.Draft.Count(d => sessions.ContainsKey(d.Key) && (!at.TryGetValue(d.Key, out var slot) || slot != d.Value));
        return new ScoreCard(ScheduleChecker.Check(problem, placements).Count, at.Count, problem.Sessions.Count - at.Count,
            clashes.Count, clashes.Sum(p => (long)p.CoStars), trackChanges, misses, keynotes, moves, TrackGaps(problem, at));
    }

    /// <summary>Idle minutes inside each track's day: from its first start to its last end, less its sessions' minutes (never below 0).</summary>
    public static int TrackGaps(SchedulingProblem problem, IReadOnlyDictionary<string, Slot> at) =>
        problem.Sessions.Where(s => s.Track is not null && at.ContainsKey(s.Id))
            .GroupBy(s => (s.Track, at[s.Id].Day))
            .Where(g => g.Count() > 1)
            .Sum(g => Math.Max(0, g.Max(s => at[s.Id].Start + s.Duration) - g.Min(s => at[s.Id].Start) - g.Sum(s => s.Duration)));
}
