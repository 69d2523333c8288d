using System.Text;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>Releases for organisers, and the public exports, changelog feed and calendars built from released versions.</summary>
public static class ReleaseEndpoints
{
    public static void MapReleases(RouteGroupBuilder org)
    {
        org.MapGet("/releases", async Task<Results<Ok<IEnumerable<ReleaseResponse>>, NotFound>> (string slug, EventStore events, ReleaseStore releases) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok((await releases.ListAsync(e.Id)).Select(r => r.AsResponse())) : TypedResults.NotFound())
            .WithSummary("Released versions of the schedule, newest first, each with its changelog (organisers)");

        org.MapGet("/releases/preview", async Task<Results<Ok<IReadOnlyList<ScheduleChange>>, NotFound>> (string slug, EventStore events, ReleaseStore releases) =>
            await events.FindAsync(slug) is { } e ? TypedResults.Ok(await releases.PreviewAsync(e)) : TypedResults.NotFound())
            .WithSummary("What releasing now would change since the last release (organisers)");

        org.MapPost("/releases", async Task<Results<Created<ReleaseResponse>, ValidationProblem, NotFound>> (string slug, ReleaseInput input, HttpContext http,
            EventStore events, ReleaseStore releases) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var row = await releases.ReleaseAsync(e, http.User.RequiredUserId(), input, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/schedule/releases/{row.Number}", row.AsResponse());
        }).WithSummary("Release the working schedule as the next numbered version; with errors only when override is true and a reason is given; notify immediate, held or none (organisers)");

        org.MapGet("/releases/{number:int}", async Task<Results<Ok<ReleaseResponse>, NotFound>> (string slug, int number, EventStore events, ReleaseStore releases) =>
            await events.FindAsync(slug) is { } e && await releases.FindAsync(e.Id, number) is { } r ? TypedResults.Ok(r.AsResponse()) : TypedResults.NotFound())
            .WithSummary("One released version with its changelog (organisers)");
    }

    public static void MapPublic(IEndpointRouteBuilder app)
    {
        // Feed readers, calendar apps and link checkers ask with HEAD first; Kestrel drops the body of a HEAD answer.
        foreach (var format in new[] { "json", "xml", "ics" })
        {
            app.MapGetAndHead($"/events/{{slug}}/schedule.{format}", (string slug, HttpContext http, PublicSchedule schedule) => StoredAsync(slug, format, http, schedule))
                .AllowAnonymous().WithTags("Schedule exports").ExcludeFromDescription();
        }
        app.MapGetAndHead("/events/{slug}/schedule/manage/export.csv", async (string slug, HttpContext http, PublicSchedule schedule) =>
                await StoredAsync(slug, "csv", http, schedule))
            .RequireAuthorization(Policies.EventOrganiser).ExcludeFromDescription();

        app.MapGetAndHead("/events/{slug}/changes.atom", async Task<Results<ContentHttpResult, NotFound>> (string slug, HttpContext http, PublicSchedule schedule, ReleaseStore releases, AppUrls urls) =>
        {
            if (await schedule.VisibleAsync(http, slug) is not { Release: { } current } visible) return TypedResults.NotFound();
            var list = await releases.ListAsync(visible.EventId);
            return TypedResults.Text(ChangesFeed.Atom(current.Snapshot, list, urls.Absolute("")), "application/atom+xml; charset=utf-8", Encoding.UTF8);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGetAndHead("/events/{slug}/speakers/{id:long}/sessions.ics", async Task<Results<FileContentHttpResult, NotFound>> (string slug, long id, HttpContext http, PublicSchedule schedule, AppUrls urls) =>
        {
            if (await schedule.VisibleAsync(http, slug) is not { Release: { } current }) return TypedResults.NotFound();
            var r = current.Snapshot;
            var sessions = r.Sessions.Where(s => s.Speakers.Any(p => p.Id == id)).ToList();
            if (sessions.Count == 0) return TypedResults.NotFound();
            var name = sessions[0].Speakers.First(p => p.Id == id).Name;
            return TypedResults.File(ScheduleExports.Ics(sessions.Select(s => (r, s)), $"{r.EventName}: {name}", urls.Absolute(""), linksOf: current.Links.For),
                "text/calendar; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGetAndHead("/agenda/{token}.ics", async Task<Results<FileContentHttpResult, NotFound>> (string token, AgendaStore agenda, ReleaseCache cache, AppUrls urls,
            IEnumerable<IAgendaFeedContributor> contributors, CancellationToken ct) =>
        {
            if (await agenda.FeedOwnerAsync(token, ct) is not { } userId) return TypedResults.NotFound();
            var items = new List<(ReleaseSnapshot, SnapSession)>();
            var links = new Dictionary<long, IReadOnlyList<SessionLink>>();
            // One look at the release cache per event, not per star (each look reads the data version): the feed
            // costs the same statements for five stars or fifty.
            // A feed address is a bearer secret: it shows public schedules only.
            foreach (var byEvent in (await agenda.ListAsync(userId, ct)).Where(s => s.IsPublic).GroupBy(s => s.Slug, StringComparer.Ordinal))
            {
                if (await cache.GetAsync(byEvent.Key, ct) is not { Release: { } current }) continue;
                foreach (var star in byEvent)
                    if (current.Snapshot.Find(star.SessionId) is { } s)
                    {
                        items.Add((current.Snapshot, s));
                        links[s.Id] = current.Links.For(s.Id);
                    }
            }
            var entries = new List<AgendaFeedEntry>();
            foreach (var contributor in contributors) entries.AddRange(await contributor.EntriesAsync(userId, ct));
            return TypedResults.File(ScheduleExports.Ics(items, "My agenda", urls.Absolute(""), entries, id => links.GetValueOrDefault(id) ?? []), "text/calendar; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> StoredAsync(string slug, string format, HttpContext http, PublicSchedule schedule)
    {
        if (await schedule.VisibleAsync(http, slug) is not { Release: { } current } || !current.Files.TryGetValue(format, out var file))
            return TypedResults.NotFound();
        // The stored bytes (br, gzip or as stored) with their ETag and Last-Modified; the file result answers
        // If-None-Match / If-Modified-Since with 304. Each coding has its own ETag, so a cache never takes one for another.
        http.Response.Headers.CacheControl = "no-cache"; // readers revalidate, and a matching ETag costs a 304
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var coding = ContentCodings.Choose(http.Request);
        if (coding != ContentCodings.Identity) http.Response.Headers.ContentEncoding = coding;
        return TypedResults.Bytes(file.Coded.For(coding), file.ContentType, fileDownloadName: null, enableRangeProcessing: false,
            lastModified: file.LastModified, entityTag: EntityTagHeaderValue.Parse(ContentCodings.ETagFor(file.ETag, coding)));
    }

    private static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler);
}
