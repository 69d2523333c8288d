using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>
/// The last computed ranking of each event, for the <c>review_data_versions</c> counter it was read at and the
/// scoring set-up (total method, criteria scales and weights) it was added up with. A newer version or another
/// set-up simply misses; the entry is replaced by the next computation. One entry per event: a few hundred KB at
/// 2,000 proposals.
/// </summary>
public sealed class RankingCache
{
    private sealed record Entry(long Version, string Signature, IReadOnlyList<RankingQuery.Scored> Rows);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public IReadOnlyList<RankingQuery.Scored>? Find(long eventId, long version, string signature) =>
        _entries.TryGetValue(eventId, out var e) && e.Version == version && e.Signature == signature ? e.Rows : null;

    public void Store(long eventId, long version, string signature, IReadOnlyList<RankingQuery.Scored> rows) =>
        // Never replace a newer entry with an older one computed by a slower request.
        _entries.AddOrUpdate(eventId, new Entry(version, signature, rows),
            (_, old) => old.Version > version ? old : new Entry(version, signature, rows));

    /// <summary>What the totals depend on besides the data: the method and every criterion's scale, weight and tracks.</summary>
    public static string Signature(ReviewContext ctx)
    {
        var sb = new StringBuilder(ctx.Settings.TotalMethod);
        foreach (var c in ctx.Criteria)
        {
            sb.Append('|').Append(c.Id).Append(':').Append(c.MinScore).Append(':').Append(c.MaxScore).Append(':')
              .Append(c.Weight.ToString("R", CultureInfo.InvariantCulture)).Append(':').Append(string.Join(',', c.TrackIdList));
        }
        return sb.ToString();
    }
}
