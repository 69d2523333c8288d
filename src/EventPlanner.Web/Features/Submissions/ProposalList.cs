using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure.Paging;

namespace EventPlanner.Web.Features.Submissions;

/// <summary>The organisers' filters; every one optional. Drafts are left out unless asked for by state.</summary>
public sealed record ProposalFilter(
    string? State = null, long? Type = null, long? Track = null, string? Tag = null, string? Language = null,
    bool? HasCoSpeaker = null, string? Q = null, string? Sort = null);

public sealed record ProposalListRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public string ReleasedState { get; init; } = "";
    public long SessionTypeId { get; init; }
    public string SessionType { get; init; } = "";
    public int? DurationMinutes { get; init; }
    public string Language { get; init; } = "";
    public string AudienceLevel { get; init; } = "";
    public bool SubmittedLate { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public int SpeakerCount { get; init; }
    public string Speakers { get; init; } = "[]";
    public string Tracks { get; init; } = "[]";
    public string Tags { get; init; } = "[]";
    /// <summary>How many proposals match the filter in all, whatever page this row is on.</summary>
    public int TotalCount { get; init; }
    /// <summary>This row's values of the list's sort order (a JSON array): what a cursor after it holds.</summary>
    public string SortKey { get; init; } = "[]";

    public IReadOnlyList<ListSpeaker> SpeakerList => Json.List<ListSpeaker>(Speakers);
    public IReadOnlyList<string> TrackList => Json.List<string>(Tracks);
    public IReadOnlyList<string> TagList => Json.List<string>(Tags);
}

public sealed record ListSpeaker(long Id, string Name, string Email);

/// <summary>
/// The organisers' proposals list in ONE statement whatever the number of proposals: speakers, tracks
/// and tags come back as JSON from correlated sub-queries, and the text search uses the FTS5 index.
/// </summary>
public sealed partial class ProposalList(Db db)
{
    public static readonly string[] Sorts = ["submitted", "updated", "title", "type", "state"];

    /// <summary>A page of the list: 2,000 proposals on one page is close to a megabyte of HTML nobody scrolls through.</summary>
    public const int PageSize = 100;

    /// <summary>
    /// The matching proposals, all of them or (with limit) one page; each row carries the total count, so a page
    /// and its pager still take one statement.
    /// </summary>
    public Task<IReadOnlyList<ProposalListRow>> QueryAsync(long eventId, ProposalFilter f, int? limit = null, int offset = 0, CancellationToken ct = default) =>
        QueryAsync(eventId, f, limit, offset, after: null, ct);

    /// <summary>
    /// As above, continuing after the row whose <see cref="ProposalListRow.SortKey"/> was <paramref name="after"/>
    /// (a keyset: a proposal submitted or edited meanwhile does not shift later pages). Each row carries the total
    /// count of the whole filter.
    /// </summary>
    public async Task<IReadOnlyList<ProposalListRow>> QueryAsync(long eventId, ProposalFilter f, int? limit, int offset, object?[]? after,
        CancellationToken ct = default)
    {
        var keys = KeysFor(f.Sort);
        var order = Keyset.OrderBy(keys);
        var match = ProposalSearchSql.Query(db.Dialect, Words(f.Q));
        var d = db.Dialect;
        var parameters = new DynamicParameters(new
        {
            // No LIMIT -1 on PostgreSQL: "all of them" is a limit nobody reaches.
            limit = limit ?? int.MaxValue, offset = Math.Max(0, offset),
            eventId, state = Blank(f.State), type = f.Type, track = f.Track, tag = Blank(f.Tag)?.ToLowerInvariant(), language = Blank(f.Language),
            hasCo = f.HasCoSpeaker, match, like = match is null ? null : $"%{EscapeLike(f.Q!.Trim().ToLowerInvariant())}%",
        });
        var keyset = Keyset.After(keys, after, parameters);
        // The filter once, used for the page and for the total.
        // LIKE is case-blind on SQLite only: lower() on both sides makes it so on PostgreSQL too.
        var filters = $$"""
            p.event_id = @eventId
              AND (CASE WHEN @state IS NULL THEN p.state <> 'draft' ELSE p.state = @state END)
              AND (@type IS NULL OR p.session_type_id = @type)
              AND (@track IS NULL OR EXISTS (SELECT 1 FROM proposal_tracks pt WHERE pt.proposal_id = p.id AND pt.track_id = @track))
              AND (@tag IS NULL OR EXISTS (SELECT 1 FROM proposal_tags g WHERE g.proposal_id = p.id AND g.tag = @tag))
              AND (@language IS NULL OR lower(p.language) = lower(@language))
              AND (@hasCo IS NULL OR ((SELECT COUNT(*) FROM proposal_speakers s WHERE s.proposal_id = p.id) > 1) = @hasCo)
              AND (@match IS NULL
                   OR {{ProposalSearchSql.Matches(d)}}
                   OR EXISTS (SELECT 1 FROM proposal_speakers s JOIN users u ON u.id = s.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
                              WHERE s.proposal_id = p.id AND (lower(u.display_name) LIKE @like ESCAPE '\' OR lower(sp.full_name) LIKE @like ESCAPE '\' OR lower(u.email) LIKE @like ESCAPE '\')))
            """;
        await using var c = await db.OpenAsync(ct);
        // The page's ids first, then speakers, tracks and tags for those rows only: computed in the sorted query
        // (or beside a COUNT(*) OVER ()) they were built for every matching proposal, 2,000 at FOSDEM scale, to
        // show 100. The total is an uncorrelated sub-query, evaluated once, of the whole filter (cursor or not).
        var rows = await c.QueryAsync<ProposalListRow>($"""
            WITH page AS (
                SELECT p.id FROM proposals p JOIN session_types t ON t.id = p.session_type_id
                WHERE {filters} {keyset}
                ORDER BY {order}
                LIMIT @limit OFFSET @offset)
            SELECT p.id, p.title, p.state, p.released_state, p.session_type_id, t.name AS session_type, p.duration_minutes, p.language,
                   p.audience_level, p.submitted_late, p.updated_at, p.submitted_at,
                   (SELECT COUNT(*) FROM proposal_speakers s WHERE s.proposal_id = p.id) AS speaker_count,
                   (SELECT {d.JsonArrayAgg($"{d.JsonObject}('id', u.id, 'name', COALESCE(sp.full_name, u.display_name), 'email', u.email)")}
                      FROM proposal_speakers s JOIN users u ON u.id = s.user_id LEFT JOIN speaker_profiles sp ON sp.user_id = u.id
                     WHERE s.proposal_id = p.id) AS speakers,
                   (SELECT {d.JsonArrayAgg("name")} FROM (SELECT k.name FROM proposal_tracks pt JOIN tracks k ON k.id = pt.track_id
                     WHERE pt.proposal_id = p.id ORDER BY pt.preference) x) AS tracks,
                   (SELECT {d.JsonArrayAgg("tag")} FROM (SELECT tag FROM proposal_tags WHERE proposal_id = p.id ORDER BY tag) x) AS tags,
                   {Keyset.SortKey(keys, d)} AS sort_key,
                   (SELECT COUNT(*) FROM proposals p JOIN session_types t ON t.id = p.session_type_id WHERE {filters}) AS total_count
            FROM page JOIN proposals p ON p.id = page.id JOIN session_types t ON t.id = p.session_type_id
            ORDER BY {order}
            """, parameters);
        return rows.AsList();
    }

    // Every order ends in the id, so no two rows tie and a keyset cursor is exact. "Not submitted" sorts last in
    // the default order; as a 0/1 key (and the time as '' when null) the keyset needs no NULL comparisons. Titles
    // order by lower() (SQLite's NOCASE, which PostgreSQL lacks), and the cursor holds that same lower() value.
    private static SortColumn[] KeysFor(string? sort) => sort switch
    {
        "title" => [new("lower(p.title)", "lower(p.title)", Text), new("p.id", "p.id", Integer)],
        "type" => [new("t.sort_order", "t.sort_order", Integer), new("t.name", "t.name", Text), new("lower(p.title)", "lower(p.title)", Text), new("p.id", "p.id", Integer)],
        "state" => [new("p.state", "p.state", Text), new("lower(p.title)", "lower(p.title)", Text), new("p.id", "p.id", Integer)],
        "updated" => [new("p.updated_at", "p.updated_at", Text, Desc: true), new("p.id", "p.id", Integer, Desc: true)],
        _ => [new(NotSubmitted, NotSubmitted, Integer), new("COALESCE(p.submitted_at, '')", "COALESCE(p.submitted_at, '')", Text, Desc: true), new("p.id", "p.id", Integer, Desc: true)],
    };

    private const CursorValue Integer = CursorValue.Integer, Text = CursorValue.Text;

    // An integer, not a boolean: a cursor carries numbers and text only, on either engine.
    private const string NotSubmitted = "(CASE WHEN p.submitted_at IS NULL THEN 1 ELSE 0 END)";

    /// <summary>The sort columns of this sort order, which a cursor of it must match value by value.</summary>
    public static IReadOnlyList<SortColumn> CursorKeys(string? sort) => KeysFor(sort);

    /// <summary>Tags and languages in use, for the filter menus.</summary>
    public async Task<(IReadOnlyList<string> Tags, IReadOnlyList<string> Languages)> FacetsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<(string Kind, string Value)>("""
            SELECT DISTINCT 'tag' AS kind, g.tag AS value FROM proposal_tags g JOIN proposals p ON p.id = g.proposal_id WHERE p.event_id = @eventId
            UNION SELECT DISTINCT 'language', language FROM proposals WHERE event_id = @eventId AND state <> 'draft'
            ORDER BY 1, 2
            """, new { eventId })).AsList();
        return (rows.Where(r => r.Kind == "tag").Select(r => r.Value).ToList(), rows.Where(r => r.Kind == "language").Select(r => r.Value).ToList());
    }

    /// <summary>The words of a search (letters and digits only, at most ten), for <see cref="ProposalSearchSql.Query"/>.</summary>
    public static IReadOnlyList<string> Words(string? q) =>
        string.IsNullOrWhiteSpace(q) ? [] : Word().Matches(q).Select(m => m.Value).Take(10).ToList();

    public static string Csv(IEnumerable<ProposalListRow> rows, TimeZoneInfo zone)
    {
        var sb = new StringBuilder();
        sb.Append("id,title,state,released_state,session_type,duration_minutes,tracks,speakers,speaker_emails,language,audience_level,tags,submitted_at,late\r\n");
        foreach (var r in rows)
        {
            string[] cells =
            [
                r.Id.ToString(CultureInfo.InvariantCulture), r.Title, r.State, r.ReleasedState, r.SessionType,
                r.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join("; ", r.TrackList),
                string.Join("; ", r.SpeakerList.Select(s => s.Name)), string.Join("; ", r.SpeakerList.Select(s => s.Email)),
                r.Language, r.AudienceLevel, string.Join("; ", r.TagList),
                r.SubmittedAt is { } at ? CfpTime.ToLocal(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                r.SubmittedLate ? "yes" : "no",
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return sb.ToString();
    }

    // Quoted when needed; a leading formula character is defused so a spreadsheet shows text, not a formula.
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    // "50%" or "snake_case" in a search are letters, not LIKE wildcards.
    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
