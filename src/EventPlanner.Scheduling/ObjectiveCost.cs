namespace EventPlanner.Scheduling;

/// <summary>
/// The models' objective recomputed from a schedule alone, term by term as the slot model states it: so the
/// decomposed model reports the exact cost of what it returns, whichever phase or repair produced it.
/// Sessions the candidate filter left no place are outside every model (and this cost); a draft placement no model
/// could express (off the candidates) is not a move term either, as in the models.
/// </summary>
internal static class ObjectiveCost
{
    private const int Day = CandidateSpace.DayMinutes;

    public static long Of(CandidateSpace space, IReadOnlyList<Placement> placements)
    {
        var problem = space.Problem;
        var w = problem.Weights;
        var placeable = space.Sessions.Where(c => c.Reason is null).ToDictionary(c => c.Session.Id);
        var at = placements.Where(p => placeable.ContainsKey(p.SessionId)).ToDictionary(p => p.SessionId, p => p.Slot);
        bool Overlap(string a, string b) => at.TryGetValue(a, out var x) && at.TryGetValue(b, out var y) && x.Day == y.Day
            && x.Start < y.Start + placeable[b].Session.Duration && y.Start < x.Start + placeable[a].Session.Duration;

        long cost = (long)w.Unplaced * placeable.Keys.Count(id => !at.ContainsKey(id));
        if (w.PopularClash > 0)
            cost += problem.PopularPairs.Where(p => p.CoStars > 0 && p.A != p.B && Overlap(p.A, p.B)).Sum(p => (long)w.PopularClash * p.CoStars);
        if (w.TrackRoom > 0)
            cost += (long)w.TrackRoom * placeable.Values.Where(c => c.Session.Track is not null && at.ContainsKey(c.Session.Id))
                .Select(c => (c.Session.Track, at[c.Session.Id].RoomId)).Distinct().Count();
        if (w.PreferredTime > 0)
        {
            var preferring = Preferences.Speakers(problem);
            cost += (long)w.PreferredTime * placeable.Values.Count(c => at.TryGetValue(c.Session.Id, out var s) && Preferences.Missed(c.Session, preferring, s.Day, s.Start));
        }
        if (w.KeynoteNotAlone > 0)
            cost += (long)w.KeynoteNotAlone * placeable.Values.Count(k => k.Session.Keynote
                && (!at.ContainsKey(k.Session.Id) || at.Keys.Any(o => o != k.Session.Id && Overlap(k.Session.Id, o))));
        if (w.Move > 0)
            foreach (var c in placeable.Values)
                if (DraftPlace(space, c) is not null && (!at.TryGetValue(c.Session.Id, out var s) || s != problem.Draft[c.Session.Id]))
                    cost += w.Move;
        if (w.TrackGap > 0)
            cost += (long)w.TrackGap * placeable.Values.Where(c => c.Session.Track is not null && at.ContainsKey(c.Session.Id))
                .GroupBy(c => (c.Session.Track, at[c.Session.Id].Day)).Where(g => g.Count() > 1)
                .Sum(g => (Math.Max(0, g.Max(c => at[c.Session.Id].Start + c.Session.Duration) - g.Min(c => at[c.Session.Id].Start) - g.Sum(c => c.Session.Duration)) + 14) / 15);
        return cost;
    }

    /// <summary>
    /// The draft's room and start (global minutes) for a session when its candidates can express them: only then can a
    /// model keep it, so only then is leaving it a move.
    /// </summary>
    internal static (int Room, long Start)? DraftPlace(CandidateSpace space, SessionCandidates c)
    {
        if (!space.Problem.Draft.TryGetValue(c.Session.Id, out var d) || !space.RoomIndex.TryGetValue(d.RoomId, out var r)) return null;
        var g = d.Day * (long)Day + d.Start;
        return c.Rooms.Any(x => x.Room == r && Array.BinarySearch(x.Starts, g) >= 0) ? (r, g) : null;
    }
}
