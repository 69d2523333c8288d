using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>A starred session; <paramref name="When"/> is local to the event ("Sat 28 Nov 10:30–11:10").</summary>
public sealed record AgendaItem(string EventSlug, string EventName, long SessionId, string Title, string? Room, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    string? When, string? TimeZone, bool Cancelled);
public sealed record FeedResponse(string Url);

/// <summary>Personal agendas over the API: star and unstar released sessions, list them, manage the private calendar address.</summary>
public static class AgendaEndpoints
{
    public static void MapAgenda(IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api").WithTags("Agenda").RequireAuthorization(Policies.SignedIn);

        mine.MapPut("/events/{slug}/agenda/{sessionId:long}", async Task<Results<NoContent, NotFound>> (string slug, long sessionId, HttpContext http,
            PublicSchedule schedule, AgendaStore agenda) =>
        {
            if (await schedule.VisibleAsync(http, slug) is not { Release: { } current } || current.Snapshot.Find(sessionId) is null) return TypedResults.NotFound();
            return await agenda.StarAsync(http.User.RequiredUserId(), current.EventId, sessionId) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Star a session of the released schedule: it joins your agenda");

        mine.MapDelete("/events/{slug}/agenda/{sessionId:long}", async Task<Results<NoContent, NotFound>> (string slug, long sessionId, HttpContext http,
            PublicSchedule schedule, AgendaStore agenda) =>
        {
            // Like every route under an event: an unknown or hidden event is 404, not a silent 204.
            if (await schedule.VisibleAsync(http, slug) is null) return TypedResults.NotFound();
            await agenda.UnstarAsync(http.User.RequiredUserId(), sessionId);
            return TypedResults.NoContent();
        }).WithSummary("Unstar a session");

        mine.MapGet("/my/agenda", async Task<Ok<IReadOnlyList<AgendaItem>>> (HttpContext http, AgendaQueries queries) =>
            TypedResults.Ok(await queries.ListAsync(http, http.User.RequiredUserId())))
            .WithSummary("Your starred sessions, from each event's released schedule; a session dropped since is marked cancelled");

        mine.MapPost("/my/agenda/feed", async Task<Ok<FeedResponse>> (HttpContext http, AgendaStore agenda, AppUrls urls) =>
            TypedResults.Ok(new FeedResponse(urls.Absolute($"/agenda/{await agenda.NewFeedAsync(http.User.RequiredUserId())}.ics"))))
            .WithSummary("A new private calendar address for your agenda; the previous one stops working");

        mine.MapDelete("/my/agenda/feed", async Task<NoContent> (HttpContext http, AgendaStore agenda) =>
        {
            await agenda.RevokeFeedAsync(http.User.RequiredUserId());
            return TypedResults.NoContent();
        }).WithSummary("Revoke your private calendar address");
    }
}

/// <summary>An agenda read against each event's current release (what the reader may see of it).</summary>
public sealed class AgendaQueries(AgendaStore agenda, PublicSchedule schedule)
{
    public async Task<IReadOnlyList<AgendaItem>> ListAsync(HttpContext http, long userId)
    {
        var items = new List<AgendaItem>();
        foreach (var group in (await agenda.ListAsync(userId, http.RequestAborted)).GroupBy(s => s.Slug))
        {
            if (await schedule.VisibleAsync(http, group.Key) is not { Release: { } current }) continue;
            var r = current.Snapshot;
            foreach (var star in group)
            {
                items.Add(r.Find(star.SessionId) is { } s
                    ? new AgendaItem(r.Slug, r.EventName, s.Id, s.Title, s.Room, s.StartsAt, s.EndsAt,
                        $"{r.Local(s.StartsAt).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture)}–{r.Local(s.EndsAt):HH:mm}", r.TimeZone, false)
                    : new AgendaItem(r.Slug, r.EventName, star.SessionId, "", null, null, null, null, r.TimeZone, true));
            }
        }
        return items.OrderBy(i => i.StartsAt ?? DateTimeOffset.MaxValue).ToList();
    }
}
