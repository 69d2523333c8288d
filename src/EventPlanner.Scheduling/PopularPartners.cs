namespace EventPlanner.Scheduling;

/// <summary>
/// Each session's popular partners and their co-stars, read one way by the greedy hint, the decomposed model's repair
/// and the large-neighbourhood search: the pairs the cost counts (two different sessions, co-stars above 0).
/// </summary>
internal static class PopularPartners
{
    public static Dictionary<string, List<(string Other, int CoStars)>> Of(SchedulingProblem problem) =>
        problem.PopularPairs.Where(p => p.CoStars > 0 && p.A != p.B)
            .SelectMany(p => new[] { (Id: p.A, Other: p.B, p.CoStars), (Id: p.B, Other: p.A, p.CoStars) })
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.Select(x => (x.Other, x.CoStars)).ToList());
}
