using System.Data;
using System.Globalization;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Features.Reviews;

public sealed record RankingFilter(long? Track = null, long? Type = null, string? State = null, string? Sort = null);

public sealed record RankingProposalRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string ReleasedState { get; init; } = "";
    public long SessionTypeId { get; init; }
    public long? TrackId { get; init; }
    public string Speakers { get; init; } = "[]";
    public int Assigned { get; init; }
    public string? Response { get; init; }
    public DateTimeOffset? ConfirmBy { get; init; }
    public bool ViewerConflicted { get; init; }

    public IReadOnlyList<string> SpeakerList => Json.List<string>(Speakers);
}

/// <summary>One line of the ranking; scores are null for a proposal the viewing organiser is conflicted with.</summary>
public sealed record RankedProposal(RankingProposalRow Proposal, int Rank, ScoreSummary Summary, IReadOnlyDictionary<long, double> CriterionAverages);

public sealed record RankingResult(IReadOnlyList<RankedProposal> Rows, IReadOnlyList<CriterionRow> Criteria, IReadOnlyList<ChartBar> Distribution,
    IReadOnlyList<TrackStateCount> TrackStates);

public sealed record ChartBar(string Label, int Count);

public sealed record TrackStateCount(string Track, IReadOnlyDictionary<string, int> ByState);

/// <summary>
/// The committee's ranking. Working it out (every proposal with its speakers, and every counted score packed per
/// proposal by SQLite, then totals, medians, spreads and per-criterion averages here by <see cref="ScoringRules"/>)
/// is kept in <see cref="RankingCache"/> per event, keyed on <c>review_data_versions</c> (bumped by triggers in the
/// transaction of any change it depends on) and on the scoring set-up. A request then runs two statements whatever
/// the size: the version, and the proposals the viewer is conflicted with (their scores are hidden from them); the
/// filter, the rank and the charts are worked out from the cached rows.
/// </summary>
public sealed class RankingQuery(Db db, RankingCache cache)
{
    public static readonly string[] Sorts = ["score", "spread", "reviews", "title"];
    public static readonly string[] DecisionStates = [ProposalStates.Shortlisted, ProposalStates.Accepted, ProposalStates.Waitlisted, ProposalStates.Rejected];

    /// <summary>One proposal's counted reviews, packed by SQLite as "abstained:criterion=score,...;..." (see <see cref="Unpack"/>).</summary>
    internal sealed record PackedReviews
    {
        public long ProposalId { get; init; }
        public string Packed { get; init; } = "";
    }

    // One row per proposal with its reviews packed into a string: reading 30,000 score rows one value at a time costs
    // far more than SQLite's group_concat and a split here.
    // The flag is spelt 1/0 (PostgreSQL would write a boolean as "true"), and the ids and scores are cast to text for
    // PostgreSQL's string_agg.
    private static string PackedSql(SqlDialect d) => $"""
        SELECT r.proposal_id, {d.StringAgg($"(CASE WHEN r.abstained THEN '1' ELSE '0' END) || ':' || COALESCE((SELECT {d.StringAgg("CAST(s.criterion_id AS TEXT) || '=' || CAST(s.score AS TEXT)", "','")} FROM review_scores s WHERE s.review_id = r.id), '')", "';'")} AS packed
        FROM reviews r JOIN proposals p ON p.id = r.proposal_id
        WHERE [where] AND {ReviewStore.ReviewCounts}
        GROUP BY r.proposal_id
        """;

    public async Task<RankingResult> LoadAsync(ReviewContext ctx, RankingFilter f, long viewerId, CancellationToken ct = default)
    {
        long? version;
        HashSet<long> conflicted;
        await using (var c = await db.OpenAsync(ct))
        {
            using var grid = await c.QueryMultipleAsync($"""
                SELECT version FROM review_data_versions WHERE event_id = @eventId;
                SELECT p.id FROM proposals p WHERE p.event_id = @eventId AND {ReviewerScope.Conflicted};
                """, new { eventId = ctx.Event.Id, userId = viewerId });
            version = (await grid.ReadAsync<long?>()).FirstOrDefault();
            conflicted = (await grid.ReadAsync<long>()).ToHashSet();
        }
        var signature = RankingCache.Signature(ctx);
        var all = (version is { } v ? cache.Find(ctx.Event.Id, v, signature) : null) ?? await ComputeAsync(ctx, signature, version is null, ct);

        var state = Blank(f.State);
        var proposals = all.Where(x => (state is null ? x.Row.State is not (ProposalStates.Draft or ProposalStates.Withdrawn) : x.Row.State == state)
                                       && (f.Type is null || x.Row.SessionTypeId == f.Type) && (f.Track is null || x.Row.TrackId == f.Track))
            .Select(x => conflicted.Contains(x.Row.Id) ? new Scored(x.Row with { ViewerConflicted = true }, ScoreSummary.None, NoAverages) : x)
            .ToList();
        var rows = Rank(proposals, f.Sort);
        return new RankingResult(rows, ctx.Criteria, Distribution(rows), TrackStates(proposals.Select(x => x.Row).ToList(), ctx));
    }

    private static readonly IReadOnlyDictionary<long, double> NoAverages = new Dictionary<long, double>();

    /// <summary>A proposal with its scores worked out, for every viewer alike (the cache's unit).</summary>
    public sealed record Scored(RankingProposalRow Row, ScoreSummary Summary, IReadOnlyDictionary<long, double> Averages);

    // Every proposal of the event and every counted score, read in one snapshot together with the version they are
    // valid for, so a change committed meanwhile is never cached under the older version.
    private async Task<IReadOnlyList<Scored>> ComputeAsync(ReviewContext ctx, string signature, bool firstUse, CancellationToken ct)
    {
        var eventId = ctx.Event.Id;
        if (firstUse)
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync("INSERT INTO review_data_versions (event_id, version) VALUES (@eventId, 0) ON CONFLICT DO NOTHING",
                new { eventId }, tx), ct);
        }
        await using var c = await db.OpenAsync(ct);
        await using var tx = await db.BeginSnapshotAsync(c, ct);
        var version = await c.ExecuteScalarAsync<long>("SELECT version FROM review_data_versions WHERE event_id = @eventId", new { eventId }, tx);
        using var grid = await c.QueryMultipleAsync($"""
            SELECT p.id, p.title, p.state, p.released_state, p.session_type_id, {ReviewerScope.FirstTrack} AS track_id,
                   (SELECT {db.Dialect.JsonArrayAgg("COALESCE(NULLIF(sp.full_name, ''), u.display_name)")} FROM proposal_speakers s JOIN users u ON u.id = s.user_id
                      LEFT JOIN speaker_profiles sp ON sp.user_id = u.id WHERE s.proposal_id = p.id) AS speakers,
                   (SELECT COUNT(*) FROM review_assignments a WHERE a.proposal_id = p.id) AS assigned,
                   d.response, d.confirm_by
            FROM proposals p LEFT JOIN review_decisions d ON d.proposal_id = p.id
            WHERE p.event_id = @eventId;
            {PackedSql(db.Dialect).Replace("[where]", "p.event_id = @eventId")};
            """, new { eventId }, tx);
        var proposals = (await grid.ReadAsync<RankingProposalRow>()).AsList();
        var scores = (await grid.ReadAsync<PackedReviews>()).ToDictionary(s => s.ProposalId, s => s.Packed);
        tx.Commit();
        var scored = proposals.Select(p =>
        {
            var (summary, averages) = Summarise(scores.GetValueOrDefault(p.Id), ctx);
            return new Scored(p, summary, averages);
        }).ToList();
        cache.Store(eventId, version, signature, scored);
        return scored;
    }

    /// <summary>The totals of some proposals, read inside a caller's transaction (the waitlist's order when a slot frees up).</summary>
    internal static async Task<IReadOnlyDictionary<long, double?>> TotalsAsync(IDbConnection c, IDbTransaction tx, IReadOnlyCollection<long> ids,
        ReviewContext ctx)
    {
        var packed = (await c.QueryAsync<PackedReviews>(PackedSql(SqlDialect.Of(c)).Replace("[where]", SqlDialect.Of(c).InList("r.proposal_id", "@ids")), new { ids }, tx))
            .ToDictionary(s => s.ProposalId, s => s.Packed);
        return ids.ToDictionary(id => id, id => Summarise(packed.GetValueOrDefault(id), ctx).Summary.Total);
    }

    private static List<RankedProposal> Rank(IReadOnlyList<Scored> summarised, string? sort)
    {
        // The rank is always by score, whatever the display order, so "rank 3" means the same on every sort.
        var byScore = summarised.OrderByDescending(x => x.Summary.Total ?? double.MinValue).ThenByDescending(x => x.Summary.Reviews).ThenBy(x => x.Row.Id).ToList();
        var ranked = byScore.Select((x, i) => new RankedProposal(x.Row, i + 1, x.Summary, x.Averages)).ToList();
        return sort switch
        {
            "spread" => ranked.OrderByDescending(r => r.Summary.Spread ?? -1).ThenBy(r => r.Rank).ToList(),
            "reviews" => ranked.OrderBy(r => r.Summary.Reviews).ThenBy(r => r.Rank).ToList(),
            "title" => ranked.OrderBy(r => r.Proposal.Title, StringComparer.OrdinalIgnoreCase).ToList(),
            _ => ranked,
        };
    }

    private static (ScoreSummary Summary, IReadOnlyDictionary<long, double> Averages) Summarise(string? packed, ReviewContext ctx)
    {
        var reviews = Unpack(packed);
        var scored = reviews.Where(r => !r.Abstained).Select(r => r.Scores).ToList();
        var totals = scored.Select(s => ScoringRules.ReviewTotal(s, ctx.CriteriaById)).OfType<double>().ToList();
        return (ScoringRules.Summarise(totals, reviews.Count - scored.Count, ctx.Settings.TotalMethod), ScoringRules.CriterionAverages(scored));
    }

    /// <summary>"0:3=2,4=5;1:" is a review scoring criterion 3 with 2 and criterion 4 with 5, then an abstention.</summary>
    internal static IReadOnlyList<(bool Abstained, IReadOnlyList<CriterionScore> Scores)> Unpack(string? packed)
    {
        if (string.IsNullOrEmpty(packed)) return [];
        var reviews = new List<(bool, IReadOnlyList<CriterionScore>)>();
        foreach (var review in packed.Split(';'))
        {
            var colon = review.IndexOf(':');
            var scores = new List<CriterionScore>();
            foreach (var pair in review[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                scores.Add(new CriterionScore(long.Parse(pair.AsSpan(0, eq), CultureInfo.InvariantCulture), int.Parse(pair.AsSpan(eq + 1), CultureInfo.InvariantCulture)));
            }
            reviews.Add((review[..colon] == "1", scores));
        }
        return reviews;
    }

    // Ten bins of ten points; the last one holds 100.
    private static IReadOnlyList<ChartBar> Distribution(IReadOnlyList<RankedProposal> rows)
    {
        var counts = new int[10];
        foreach (var t in rows.Select(r => r.Summary.Total).OfType<double>()) counts[Math.Clamp((int)(t / 10), 0, 9)]++;
        return counts.Select((n, i) => new ChartBar($"{i * 10}–{(i == 9 ? 100 : i * 10 + 9)}", n)).ToList();
    }

    private static IReadOnlyList<TrackStateCount> TrackStates(IReadOnlyList<RankingProposalRow> proposals, ReviewContext ctx) =>
        proposals.GroupBy(p => p.TrackId).OrderBy(g => g.Key is null).ThenBy(g => ctx.TrackName(g.Key))
            .Select(g => new TrackStateCount(ctx.TrackName(g.Key), g.GroupBy(p => p.State).ToDictionary(s => s.Key, s => s.Count())))
            .ToList();

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
