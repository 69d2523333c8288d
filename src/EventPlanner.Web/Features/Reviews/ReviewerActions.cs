using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>The reviewer's operations as pages and the API both call them, with the phase's rules applied.</summary>
public sealed class ReviewerActions(ReviewStore reviews)
{
    public const int PageSize = 50;

    /// <summary>Queue filters: "" the proposals this phase reviews; "todo" those still to (re)review; "done"; "everything" they may see.</summary>
    public static readonly string[] Shows = ["", "todo", "done", "everything"];

    public async Task<QueuePage> QueueAsync(ReviewSession s, string? q, string? show, int page, CancellationToken ct = default)
    {
        var rows = await reviews.QueueAsync(s.EventId, s.Reviewer, s.Phase, ct);
        var states = s.Phase.ReviewableStates;
        string Status(QueueRow r) => ReviewStatus.Of(r.MyReviewId, r.MyAbstained, r.MyVersion, r.Version);
        var shown = rows.Where(r => show switch
        {
            "everything" => true,
            "todo" => states.Contains(r.State) && Status(r) is ReviewStatus.ToReview or ReviewStatus.Stale,
            "done" => r.MyReviewId is not null,
            _ => states.Contains(r.State),
        });
        // Only a search needs every title anonymised; otherwise only the page shown is.
        if (!string.IsNullOrWhiteSpace(q)) shown = shown.Where(r => ReviewerViews.Matches(r, s.Anonymous, q));
        var list = shown.ToList();
        var pages = Math.Max(1, (list.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pages);
        var items = list.Skip((current - 1) * PageSize).Take(PageSize).Select(r => ReviewerViews.Item(r, s.Ctx, s.Anonymous)).ToList();
        return new QueuePage(items, list.Count, current, pages, s.Anonymous, s.Phase.Phase?.Name, s.Phase.IsOpen);
    }

    public Task<long?> NextAsync(ReviewSession s, long? skip = null, CancellationToken ct = default) =>
        reviews.NextAsync(s.EventId, s.Reviewer, s.Phase, skip, ct);

    public async Task<ReviewerProposalView?> ProposalAsync(ReviewSession s, long id, CancellationToken ct = default) =>
        await reviews.LoadAsync(s.EventId, s.Reviewer, s.Phase, id, ct) is { } d ? ReviewerViews.Proposal(d, s.Ctx, s.Reviewer, s.Phase) : null;

    public Task<WriteResult<long>> SaveAsync(ReviewSession s, long id, ReviewInput input, Validator v, CancellationToken ct = default) =>
        reviews.SaveAsync(s.Ctx, s.Reviewer, s.Phase, id, input, v, ct);

    /// <summary>The reviewer's own reviews as CSV, with titles as they are shown to them.</summary>
    public async Task<string> MineCsvAsync(ReviewSession s, CancellationToken ct = default)
    {
        var rows = await reviews.MineAsync(s.EventId, s.Reviewer, s.Phase, ct);
        var criteria = s.Ctx.Criteria;
        var csv = new Csv();
        csv.Row(["proposal_id", "title", "track", "abstained", "total", .. criteria.Select(c => c.Name), "comment", "note_to_speaker", "stale", "updated_at"]);
        foreach (var (p, r) in rows)
        {
            var item = ReviewerViews.Item(p, s.Ctx, s.Anonymous);
            var scores = r.ScoreList.ToDictionary(x => x.CriterionId, x => x.Score);
            csv.Row([p.Id.ToString(), item.Title, item.Track, r.Abstained ? "yes" : "no",
                r.Abstained ? "" : ScoringRules.Format(ScoringRules.ReviewTotal(r.ScoreList, s.Ctx.CriteriaById)),
                .. criteria.Select(c => scores.TryGetValue(c.Id, out var v) ? v.ToString() : ""),
                r.Comment, r.NoteToSpeaker, r.ProposalVersion < p.Version ? "yes" : "no", r.UpdatedAt.ToString("O")]);
        }
        return csv.ToString();
    }
}

/// <summary>RFC 4180 rows; a leading formula character is defused so a spreadsheet shows text, not a formula.</summary>
public sealed class Csv
{
    private readonly System.Text.StringBuilder _sb = new();

    public void Row(IEnumerable<string> cells) => CsvText.AppendRow(_sb, cells);

    public override string ToString() => _sb.ToString();
}
