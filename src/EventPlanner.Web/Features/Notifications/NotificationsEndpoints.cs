using EventPlanner.Web.Infrastructure.Paging;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Notifications;

public sealed record InboxItem(long Id, string Kind, string Subject, string BodyMarkdown, DateTimeOffset CreatedAt, bool Read, string? EventName);
public sealed record DeliveryItem(long Id, string Kind, string ToAddress, string Subject, string State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
public sealed record DeliverySummary(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<DeliveryItem> Items);
public sealed record ReleaseRequest(long[]? Ids);
public sealed record CountResponse(int Count);

/// <summary>The same inbox and delivery state as the pages, for scripts: /api/me/inbox and /api/events/{slug}/notifications.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/inbox", async Task<Results<Ok<IEnumerable<InboxItem>>, ValidationProblem>> (int? limit, string? cursor, HttpContext http, InboxQueries inbox) =>
            {
                // Newest first by id: the cursor is the last id shown, and older ones follow it.
                var (size, after, error) = ListPage.Read(limit, cursor, 100, [CursorValue.Integer]);
                if (error is not null || after is not (null or [long])) return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [limit is null ? "cursor" : "limit"] = [error ?? "Not a cursor of this list."],
                });
                var rows = await inbox.ListAsync(http.User.RequiredUserId(), size + 1, after is [long id] ? id : null);
                return TypedResults.Ok(ListPage.Apply(http, rows, size, n => $"[{n.Id}]").Select(n =>
                    new InboxItem(n.Id, n.Kind, n.Subject, n.Body, n.CreatedAt, n.ReadAt is not null, n.EventId is null ? null : n.Value("event_name"))));
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("Notifications")
            .WithSummary($"Your in-app notifications, newest first, 100 a page unless limit says otherwise (at most {ListCursor.MaxPageSize}); older ones in Link (rel=next) and X-Next-Cursor");

        var one = app.MapGroup("/api/events/{slug}/notifications").WithTags("Notifications").RequireAuthorization(Policies.EventOrganiser);

        one.MapGet("", async Task<Results<Ok<DeliverySummary>, NotFound>> (string slug, string? state, EventStore events, NotificationStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var filter = NotificationStates.All.Contains(state) ? state : null;
            var items = (await store.ListAsync(e.Id, filter)).Select(n =>
                new DeliveryItem(n.Id, n.Kind, n.ToAddress, n.Subject, n.State, n.Attempts, n.LastError, n.CreatedAt, n.SentAt)).ToList();
            return TypedResults.Ok(new DeliverySummary(await store.CountsAsync(e.Id), items));
        }).WithSummary("Delivery state of the event's notifications (organisers); ?state=failed filters");

        one.MapPost("/{id:long}/retry", async Task<Results<Ok<CountResponse>, NotFound>> (string slug, long id, EventStore events, NotificationStore store) =>
            await events.FindAsync(slug) is { } e && await store.RetryFailedAsync(e.Id, id) is var n and > 0
                ? TypedResults.Ok(new CountResponse(n))
                : TypedResults.NotFound())
            .WithSummary("Send a failed notification again (organisers)");

        one.MapPost("/release", async Task<Results<Ok<CountResponse>, NotFound>> (string slug, ReleaseRequest request, EventStore events, NotificationStore store) =>
            await events.FindAsync(slug) is { } e
                ? TypedResults.Ok(new CountResponse(await store.ReleaseAsync(e.Id, request.Ids)))
                : TypedResults.NotFound())
            .WithSummary("Release held notifications: the given ids, or all when ids is omitted (organisers)");
        return app;
    }
}
