namespace EventPlanner.Scheduling;

/// <summary>Speakers' preferred times, read one way by the models, the greedy hint, the local search, the cost and the score card.</summary>
internal static class Preferences
{
    /// <summary>The speakers who gave preferred times, by id.</summary>
    public static Dictionary<string, Speaker> Speakers(SchedulingProblem problem) =>
        problem.Speakers.Where(sp => sp.Preferred is { Count: > 0 }).ToDictionary(sp => sp.Id);

    /// <summary>A start misses when some speaker of the session gave preferred times and none of them holds the session.</summary>
    public static bool Missed(SessionToPlace s, IReadOnlyDictionary<string, Speaker> preferring, int day, int start) =>
        s.SpeakerIds.Any(id => preferring.TryGetValue(id, out var sp) && !sp.Preferred!.Any(w => w.Contains(day, start, start + s.Duration)));

    /// <summary>The same at a global start (day * 1440 + minute).</summary>
    public static bool Missed(SessionToPlace s, IReadOnlyDictionary<string, Speaker> preferring, long start) =>
        Missed(s, preferring, (int)(start / CandidateSpace.DayMinutes), (int)(start % CandidateSpace.DayMinutes));

    /// <summary>Some speaker of the session gave preferred times: only then can a start miss them.</summary>
    public static bool Given(SessionToPlace s, IReadOnlyDictionary<string, Speaker> preferring) => s.SpeakerIds.Any(preferring.ContainsKey);
}
