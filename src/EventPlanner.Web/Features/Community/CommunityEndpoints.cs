using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Community;

/// <summary>Community groups and their room requests (hosts and organisers); the sessions inside approved blocks are in <see cref="BlockSessionEndpoints"/>.</summary>
public static class CommunityEndpoints
{
    public static IServiceCollection AddCommunity(this IServiceCollection services)
    {
        services.AddNotificationKinds(CommunityNotificationKinds.All);
        services.AddPersonalData<CommunityPersonalData>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<CommunityAccess>();
        services.AddSingleton<GroupStore>();
        services.AddSingleton<BlockStore>();
        services.AddSingleton<CommunityWebhooks>();
        services.AddSingleton<BlockSessionStore>();
        services.AddSingleton<ISnapshotContributor, CommunitySnapshotContributor>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/api/events/{slug}/community").WithTags("Community rooms");
        MapGroups(community);
        MapRequests(community);
        BlockSessionEndpoints.Map(community);
        return app;
    }

    private static void MapGroups(RouteGroupBuilder g)
    {
        g.MapGet("/groups", async Task<Results<Ok<IEnumerable<GroupResponse>>, NotFound>> (string slug, HttpContext http, CommunityAccess access, CommunityQueries queries) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var all = await access.IsOrganiserAsync(http, slug);
            return TypedResults.Ok((await queries.GroupsAsync(e.Id, all)).Select(x => x.AsResponse()));
        }).AllowAnonymous().WithSummary("Approved community groups of the event (organisers also see pending and declined ones)");

        g.MapGet("/groups/mine", async Task<Results<Ok<IEnumerable<GroupResponse>>, NotFound>> (string slug, HttpContext http, CommunityAccess access, CommunityQueries queries) =>
            await access.VisibleAsync(http, slug) is { } e
                ? TypedResults.Ok((await queries.HostedByAsync(e.Id, http.User.RequiredUserId())).Select(x => x.AsResponse()))
                : TypedResults.NotFound())
            .RequireAuthorization(Policies.SignedIn).WithSummary("The groups you host at this event");

        g.MapPost("/groups", async Task<Results<Created<GroupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, GroupInput input, HttpContext http,
            CommunityAccess access, GroupStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Validate(input, v) is not { } values) return v.Problem();
            return Created(await store.CreateAsync(e, http.User.RequiredUserId(), values, v),
                x => $"/api/events/{slug}/community/groups/{x.Id}", x => x.AsResponse());
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Start a community group (name, description, contacts, https logo link); you become its host and the organisers are asked to approve it");

        g.MapGet("/groups/{id:long}", async Task<Results<Ok<GroupResponse>, NotFound>> (string slug, long id, HttpContext http, CommunityAccess access, CommunityQueries queries) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e || await queries.GroupAsync(e.Id, id) is not { } group) return TypedResults.NotFound();
            var mayRead = group.Status == GroupStatuses.Approved || group.IsHost(http.User.UserId()) || await access.IsOrganiserAsync(http, slug);
            return mayRead ? TypedResults.Ok(group.AsResponse()) : TypedResults.NotFound();
        }).AllowAnonymous().WithSummary("One community group (a pending or declined group only to its hosts and the organisers)");

        g.MapPut("/groups/{id:long}", async Task<Results<Ok<GroupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id, GroupInput input,
            HttpContext http, CommunityAccess access, GroupStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Validate(input, v) is not { } values) return v.Problem();
            return Answer(await store.UpdateAsync(e, id, http.User.RequiredUserId(), values, v), x => x.AsResponse());
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Edit the group's name, description, contacts and logo link (hosts)");

        g.MapPost("/groups/{id:long}/hosts", async Task<Results<Ok<GroupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id, HostInput input,
            HttpContext http, CommunityAccess access, GroupStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            return Answer(await store.AddHostAsync(e, id, http.User.RequiredUserId(), input.Email, v), x => x.AsResponse());
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Add a co-host by the email address of their account (hosts)");

        g.MapPost("/groups/{id:long}/approve", async Task<Results<Ok<GroupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            HttpContext http, EventStore events, GroupStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            return Answer(await store.ApproveAsync(e, id, http.User.RequiredUserId()), x => x.AsResponse());
        }).RequireAuthorization(Policies.EventOrganiser).WithSummary("Approve a community group; it gets its own track and may ask for rooms (organisers)");

        g.MapPost("/groups/{id:long}/decline", async Task<Results<Ok<GroupResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id, ReasonInput input,
            HttpContext http, EventStore events, GroupStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            return Answer(await store.DeclineAsync(e, id, http.User.RequiredUserId(), input.Reason, v), x => x.AsResponse());
        }).RequireAuthorization(Policies.EventOrganiser).WithSummary("Decline a community group with a reason its hosts are told (organisers)");
    }

    private static void MapRequests(RouteGroupBuilder g)
    {
        g.MapGet("/groups/{id:long}/requests", async Task<Results<Ok<IEnumerable<BlockResponse>>, NotFound>> (string slug, long id, HttpContext http,
            CommunityAccess access, CommunityQueries queries) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e || await queries.GroupAsync(e.Id, id) is not { } group) return TypedResults.NotFound();
            if (!group.IsHost(http.User.UserId()) && !await access.IsOrganiserAsync(http, slug)) return TypedResults.NotFound();
            var rooms = await access.RoomsAsync(e);
            return TypedResults.Ok((await queries.BlocksAsync(e.Id, id)).Select(b => b.AsResponse(e, rooms)));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("The group's room requests and approved blocks (hosts and organisers)");

        g.MapPost("/groups/{id:long}/requests", async Task<Results<Created<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            RequestInput input, HttpContext http, CommunityAccess access, BlockStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Validate(input, e, v) is not { } values) return v.Problem();
            var outcome = await store.RequestAsync(e, id, http.User.RequiredUserId(), values, v);
            var rooms = await access.RoomsAsync(e);
            return Created(outcome, x => $"/api/events/{slug}/community/requests/{x.Id}", x => x.AsResponse(e, rooms));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Ask for a room for a time block (room preference, local date, start and end, expected attendance, purpose, AV needs); 409 with free rooms and the room's next free time when it is taken (hosts of an approved group)");

        g.MapGet("/free", async Task<Results<Ok<FreeRoomsResponse>, ValidationProblem, NotFound>> (string slug, string? date, string? start, string? end, int? attendance,
            HttpContext http, CommunityAccess access, CommunityQueries queries) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var range = CommunityInputRules.Range(0, date, start, end, e, v);
            if (range is null) return v.Problem();
            var facts = await queries.RoomFactsAsync(e);
            return TypedResults.Ok(new FreeRoomsResponse(RoomRules.FreeRooms(facts, range.StartsAt, range.EndsAt, attendance ?? 1, null)));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Rooms open, big enough and free for a whole time block (local date, start, end, attendance)");

        var org = g.MapGroup("").RequireAuthorization(Policies.EventOrganiser);
        org.MapGet("/requests", async Task<Results<Ok<IEnumerable<BlockResponse>>, NotFound>> (string slug, string? status, EventStore events, CommunityAccess access,
            CommunityQueries queries) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var rooms = await access.RoomsAsync(e);
            return TypedResults.Ok((await queries.BlocksAsync(e.Id)).Where(b => status is null || b.Status == status).Select(b => b.AsResponse(e, rooms)));
        }).WithSummary("Every room request and block of the event, optionally of one status (organisers)");

        org.MapGet("/calendar/{date}", async Task<Results<Ok<CalendarResponse>, ValidationProblem, NotFound>> (string slug, string date, EventStore events,
            ScheduleQueries schedule, CommunityQueries queries) =>
        {
            var v = new Validator();
            var day = v.Date("date", date, "Day");
            if (day is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var calendar = await CommunityCalendar.LoadAsync(e, day.Value, schedule, queries);
            return TypedResults.Ok(calendar.AsResponse());
        }).WithSummary("One day per room: the programme's placed sessions beside community blocks and open requests (organisers)");

        org.MapPost("/requests/{id:long}/approve", async Task<Results<Ok<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            ApproveInput input, HttpContext http, EventStore events, CommunityAccess access, BlockStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var rooms = await access.RoomsAsync(e);
            return Answer(await store.ApproveAsync(e, id, http.User.RequiredUserId(), input.RoomId, input.Note, v), b => b.AsResponse(e, rooms));
        }).WithSummary("Approve a request, in the room asked for or another (roomId); re-checked in the write transaction: 409 with alternatives when the room is taken, 422 when too small (organisers)");

        org.MapPost("/requests/{id:long}/decline", async Task<Results<Ok<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            ReasonInput input, HttpContext http, EventStore events, CommunityAccess access, BlockStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var rooms = await access.RoomsAsync(e);
            return Answer(await store.DeclineAsync(e, id, http.User.RequiredUserId(), input.Reason, v), b => b.AsResponse(e, rooms));
        }).WithSummary("Decline a request (or take back an approved block, cancelling its sessions) with a reason the hosts are told (organisers)");

        org.MapPost("/requests/{id:long}/propose", async Task<Results<Ok<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            ProposeInput input, HttpContext http, EventStore events, CommunityAccess access, BlockStore store) =>
        {
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            if (CommunityInputRules.Range(input.RoomId, input.Date, input.Start, input.End, e, v) is not { } range) return v.Problem();
            var rooms = await access.RoomsAsync(e);
            return Answer(await store.ProposeAsync(e, id, http.User.RequiredUserId(), range, input.Note, v), b => b.AsResponse(e, rooms));
        }).WithSummary("Propose another room and/or time for a request; the group accepts or declines (organisers)");

        foreach (var (path, accept) in new[] { ("accept-proposal", true), ("decline-proposal", false) })
        {
            g.MapPost($"/requests/{{id:long}}/{path}", async Task<Results<Ok<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
                HttpContext http, CommunityAccess access, BlockStore store) =>
            {
                if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
                var rooms = await access.RoomsAsync(e);
                return Answer(await store.AnswerProposalAsync(e, id, http.User.RequiredUserId(), accept), b => b.AsResponse(e, rooms));
            }).RequireAuthorization(Policies.SignedIn).WithSummary(accept
                ? "Accept the organisers' proposal: the block is approved there if the room is still free (re-checked; 409 with alternatives otherwise) (hosts)"
                : "Decline the organisers' proposal: the request stays open as asked (hosts)");
        }

        g.MapPost("/requests/{id:long}/withdraw", async Task<Results<Ok<BlockResponse>, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id,
            HttpContext http, CommunityAccess access, BlockStore store) =>
        {
            if (await access.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var rooms = await access.RoomsAsync(e);
            return Answer(await store.WithdrawAsync(e, id, http.User.RequiredUserId(), v), b => b.AsResponse(e, rooms));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Withdraw a request, or give back an approved block (its sessions are cancelled) (hosts)");
    }

    internal static Results<Ok<TR>, ValidationProblem, NotFound, ProblemHttpResult> Answer<T, TR>(WriteResult<T> o, Func<T, TR> map) =>
        o.ToHttp(x => TypedResults.Ok(map(x)));

    internal static Results<Created<TR>, ValidationProblem, NotFound, ProblemHttpResult> Created<T, TR>(WriteResult<T> o, Func<T, string> location,
        Func<T, TR> map) => o.ToHttp(x => TypedResults.Created(location(x), map(x)));
}
