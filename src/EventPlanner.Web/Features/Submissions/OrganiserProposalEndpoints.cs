using EventPlanner.Web.Infrastructure.Paging;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Submissions;

public sealed record ProposalListItem(
    long Id, string Title, string State, string ReleasedState, string SessionType, int? DurationMinutes, IReadOnlyList<string> Tracks,
    IReadOnlyList<ListSpeaker> Speakers, string Language, string AudienceLevel, IReadOnlyList<string> Tags, bool SubmittedLate,
    DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt);

public sealed record TagsInput(IReadOnlyList<string>? Tags);

public sealed record VersionResponse(
    int Version, string Change, string State, string? EditedBy, DateTimeOffset EditedAt, string Title, string Abstract,
    IReadOnlyList<DiffPart> TitleDiff, IReadOnlyList<DiffPart> AbstractDiff);

/// <summary>The organisers' side of proposals: the filtered list and its CSV, the full view, edits, tags and history.</summary>
public static class OrganiserProposalEndpoints
{
    public static IEndpointRouteBuilder MapOrganiserProposalsApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/events/{slug}/proposals").WithTags("Proposals (organisers)").RequireAuthorization(Policies.EventOrganiser);

        org.MapGet("", async Task<Results<Ok<IEnumerable<ProposalListItem>>, NotFound, ValidationProblem>> (string slug, [AsParameters] ProposalFilterQuery query,
            int? limit, int? offset, string? cursor, HttpContext http, EventStore events, ProposalList list) =>
        {
            // Pages by default: at FOSDEM scale the whole list is close to a megabyte. The CSV export has them all.
            var size = limit ?? ProposalList.PageSize;
            object?[]? after = null;
            if (size is < 1 or > ListCursor.MaxPageSize || offset is < 0)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is 1 to {ListCursor.MaxPageSize} and offset 0 or more."] });
            if (cursor is not null && (offset is not null || (after = ListCursor.Decode(cursor, ProposalList.CursorKeys(query.Sort))) is null))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["cursor"] = ["Not a cursor of this list and sort order (use the Link or X-Next-Cursor of the previous page, without offset)."],
                });
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var filter = query.AsFilter();
            // One row more than the page says whether there is a next one.
            var rows = await list.QueryAsync(e.Id, filter, size + 1, offset ?? 0, after);
            // The total over all pages: each row carries it; past the end it takes one more look.
            var total = rows.Count > 0 ? rows[0].TotalCount
                : offset is > 0 || after is not null ? (await list.QueryAsync(e.Id, filter, 1)).FirstOrDefault()?.TotalCount ?? 0 : 0;
            http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var page = ListPage.Apply(http, rows, size, r => r.SortKey);
            return TypedResults.Ok(page.Select(AsItem));
        })
            .WithSummary($"Submitted proposals, filtered by state, type, track, tag, language, co-speaker and full-text search; {ProposalList.PageSize} a page unless limit says otherwise (at most {ListCursor.MaxPageSize}), the next page's address in Link (rel=next) and X-Next-Cursor, the total in X-Total-Count; the CSV export has every proposal (organisers)");

        org.MapGet("/export.csv", async Task<Results<FileContentHttpResult, NotFound>> (string slug, [AsParameters] ProposalFilterQuery query,
            EventStore events, ProposalList list) =>
            await events.FindAsync(slug) is { } e
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ProposalList.Csv(await list.QueryAsync(e.Id, query.AsFilter()), e.Zone)),
                    "text/csv; charset=utf-8", $"{slug}-proposals.csv")
                : TypedResults.NotFound())
            .WithSummary("The same list as CSV, with the same filters (organisers)");

        org.MapGet("/{id:long}/organiser", async Task<Results<Ok<ProposalResponse>, NotFound>> (string slug, long id, EventStore events, CfpStore cfp,
            ProposalStore store, TimeProvider clock) =>
        {
            if (await cfp.ContextAsync(events, slug) is not { } ctx || await store.LoadDetailAsync(id) is not { } d || d.Proposal.EventId != ctx.Event.Id)
                return TypedResults.NotFound();
            return TypedResults.Ok(d.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: true));
        }).WithSummary("A proposal with its real state, released state and tags (organisers)");

        org.MapPut("/{id:long}/organiser", async Task<Results<Ok<ProposalResponse>, ValidationProblem, NotFound>> (string slug, long id, ProposalInput input,
            HttpContext http, EventStore events, CfpStore cfp, ProposalStore store, ProposalActions actions, TimeProvider clock) =>
        {
            if (await cfp.ContextAsync(events, slug) is not { } ctx || await store.FindAsync(ctx.Event.Id, id) is null) return TypedResults.NotFound();
            var v = new Validator();
            var row = await actions.EditAsOrganiserAsync(ctx, id, http.User.RequiredUserId(), input, v);
            if (row is null) return v.Problem();
            return TypedResults.Ok((await store.LoadDetailAsync(id))!.AsResponse(ctx, clock.GetUtcNow(), forOrganiser: true));
        }).WithSummary("Edit a proposal as an organiser (no deadline); its speakers are told by mail");

        org.MapPut("/{id:long}/tags", async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, NotFound>> (string slug, long id, TagsInput input,
            EventStore events, ProposalStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is null) return TypedResults.NotFound();
            var v = new Validator();
            var tags = ProposalRules.ValidateTags(input.Tags, v);
            if (tags is null) return v.Problem();
            return TypedResults.Ok(await store.SetTagsAsync(e.Id, id, tags));
        }).WithSummary("Replace a proposal's tags (organisers)");

        org.MapGet("/{id:long}/history", async Task<Results<Ok<IEnumerable<VersionResponse>>, NotFound>> (string slug, long id, EventStore events, ProposalStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e || await store.FindAsync(e.Id, id) is null) return TypedResults.NotFound();
            return TypedResults.Ok(History(await store.VersionsAsync(id)));
        }).WithSummary("Every version of a proposal with a word diff of title and abstract against the version before (organisers)");

        return app;
    }

    public static IEnumerable<VersionResponse> History(IReadOnlyList<ProposalVersionRow> versions) =>
        versions.Select((v, i) =>
        {
            var previous = i == 0 ? null : versions[i - 1];
            return new VersionResponse(v.Version, v.Change, v.State, v.EditorName, v.EditedAt, v.Title, v.Abstract,
                TextDiff.Words(previous?.Title ?? "", v.Title), TextDiff.Words(previous?.Abstract ?? "", v.Abstract));
        });

    private static ProposalListItem AsItem(ProposalListRow r) =>
        new(r.Id, r.Title, r.State, r.ReleasedState, r.SessionType, r.DurationMinutes, r.TrackList, r.SpeakerList, r.Language, r.AudienceLevel,
            r.TagList, r.SubmittedLate, r.SubmittedAt, r.UpdatedAt);
}

/// <summary>The list's query string, shared by the API and the organisers' page.</summary>
public sealed class ProposalFilterQuery
{
    public string? State { get; set; }
    public long? Type { get; set; }
    public long? Track { get; set; }
    public string? Tag { get; set; }
    public string? Language { get; set; }
    public bool? HasCoSpeaker { get; set; }
    public string? Q { get; set; }
    public string? Sort { get; set; }

    public ProposalFilter AsFilter() => new(State, Type, Track, Tag, Language, HasCoSpeaker, Q, Sort);
}
