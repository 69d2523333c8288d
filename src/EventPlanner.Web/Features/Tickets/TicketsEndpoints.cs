using EventPlanner.Web.Infrastructure.Paging;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>Ticket types, registration, the holder's tickets and the organisers' order decisions; transfers and check-in map their own groups.</summary>
public static class TicketsEndpoints
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddNotificationKinds(TicketNotificationKinds.All);
        services.AddSingleton<TicketPersonalData>();
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<TicketPersonalData>());
        services.AddSingleton<IEventRetentionContributor>(sp => sp.GetRequiredService<TicketPersonalData>());
        // Lapsed offers pass on even when nobody opens a page (reads and writes also lapse them as they meet them).
        services.AddRecurringJob<TicketExpiryJob>(TicketExpiryJob.JobId, j => j.RunAsync(CancellationToken.None), TicketExpiryJob.Schedule);
        services.AddSingleton<TicketSettings>();
        services.AddSingleton<Accounts.IAccountRemovalStep, TicketAccountRemovalStep>();
        services.AddSingleton<TicketNotices>();
        services.AddSingleton<TicketTypeStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<OrderDecisionStore>();
        services.AddSingleton<SpeakerTicketStore>();
        services.AddSingleton<CheckInStore>();
        services.AddSingleton<AttendeeList>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<TransferBoardStore>();
        services.AddSingleton<TransferApprovalStore>();
        services.AddSingleton<TicketEvents>();
        services.AddSingleton<TicketExpiryJob>();
        services.AddSingleton<IReminderSource, TransferExpiringReminders>();
        services.AddSingleton<IAudienceSource, TicketHolderAudienceSource>();
        services.AddSingleton<IAuthorizationHandler, EventCheckInHandler>();
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(TicketPolicies.EventCheckIn,
            p => p.RequireAuthenticatedUser().AddRequirements(new EventCheckInRequirement())));
        return services;
    }

    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var ev = app.MapGroup("/api/events/{slug}").WithTags("Tickets");
        MapTypes(ev);
        MapRegistration(ev);
        MapOrders(ev.MapGroup("/orders").RequireAuthorization(Policies.EventOrganiser));
        MapMine(app.MapGroup("/api/my").WithTags("Tickets").RequireAuthorization(Policies.SignedIn));
        TransfersEndpoints.Map(app);
        CheckInEndpoints.Map(app);
        AttendeeEndpoints.Map(app);

        app.MapGet("/tickets/{secret}/qr.png", async Task<Results<FileContentHttpResult, NotFound>> (string secret, RegistrationStore store) =>
            await store.FindBySecretAsync(secret) is { Status: "valid" or "pending" } t
                ? TypedResults.File(TicketQr.Png(t.Secret), "image/png")
                : TypedResults.NotFound())
            .AllowAnonymous().WithTags("Tickets").WithSummary("The QR code of a ticket, encoding its current secret (the secret is the key)");
        return app;
    }

    private static void MapTypes(RouteGroupBuilder ev)
    {
        ev.MapGet("/ticket-types", async Task<Results<Ok<IEnumerable<TicketTypeResponse>>, NotFound>> (string slug, HttpContext http, TicketEvents events, TicketTypeStore types) =>
            await events.VisibleAsync(http, slug) is { } e
                ? TypedResults.Ok((await types.ListAsync(e.Id)).Select(t => t.AsResponse()))
                : TypedResults.NotFound())
            .AllowAnonymous().WithSummary("Ticket types with price, availability and sale window");

        ev.MapPost("/ticket-types", async Task<Results<Created<TicketTypeResponse>, ValidationProblem, NotFound>> (string slug, TicketTypeInput input, EventStore events, TicketTypeStore types) =>
        {
            var v = new Validator();
            var values = TicketRules.Validate(input, v);
            if (values is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await types.CreateAsync(e.Id, values, v);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/ticket-types/{row.Id}", row.AsResponse());
        }).RequireAuthorization(Policies.EventOrganiser).WithSummary("Add a ticket type (organisers)");

        ev.MapPut("/ticket-types/{id:long}", async Task<Results<Ok<TicketTypeResponse>, ValidationProblem, NotFound>> (string slug, long id, TicketTypeInput input, EventStore events, TicketTypeStore types) =>
        {
            var v = new Validator();
            var values = TicketRules.Validate(input, v);
            if (values is null) return v.Problem();
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var row = await types.UpdateAsync(e.Id, id, values, v);
            if (v.HasErrors) return v.Problem();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse());
        }).RequireAuthorization(Policies.EventOrganiser).WithSummary("Change a ticket type; a quota rise goes to the waiting list first (organisers)");
    }

    private static void MapRegistration(RouteGroupBuilder ev)
    {
        ev.MapPost("/registrations", async Task<Results<Results<Created<RegistrationResponse>, Accepted<RegistrationResponse>>, ValidationProblem, NotFound, ProblemHttpResult>> (
            string slug, RegistrationInput input, HttpContext http, TicketEvents events, RegistrationStore store, TimeProvider clock) =>
        {
            var v = new Validator();
            if (input.TicketTypeId is null) v.Add("ticketTypeId", "Choose a ticket type.");
            var attendees = TicketRules.ValidateAttendees(input.Attendees, 10, v);
            if (v.HasErrors) return v.Problem();
            if (await events.VisibleAsync(http, slug) is not { } e) return TypedResults.NotFound();
            var result = await store.RegisterAsync(e.Id, http.User.RequiredUserId(), input.TicketTypeId!.Value, attendees!, input.JoinWaitingList ?? true, v);
            return await result.ToHttpAsync(r => RespondAsync(r, http.User.RequiredUserId(), store, clock));
        }).RequireAuthorization(Policies.SignedIn).ProducesProblem(StatusCodes.Status409Conflict)
        .WithSummary("Register for a ticket type in one request: 201 with the order and tickets, 202 when placed on the waiting list, 409 when sold out and joinWaitingList is false");
    }

    private static async Task<Results<Created<RegistrationResponse>, Accepted<RegistrationResponse>>> RespondAsync(
        Registration result, long userId, RegistrationStore store, TimeProvider clock)
    {
        if (result.OrderId is { } orderId)
        {
            // Written in the registration's own transaction, so it is there.
            var found = (await store.FindOrderAsync(orderId))!.Value;
            var order = found.Order.AsResponse(found.Tickets, clock.GetUtcNow());
            return TypedResults.Created($"/api/my/orders/{orderId}", new RegistrationResponse(result.Outcome, order, null));
        }
        var entry = (await store.ListWaitingAsync(userId)).FirstOrDefault(w => w.Id == result.WaitingId);
        return TypedResults.Accepted("/api/my/waiting-list", new RegistrationResponse(result.Outcome, null, entry?.AsResponse()));
    }

    private const int OrderPageSize = 100;

    private static void MapOrders(RouteGroupBuilder orders)
    {
        orders.MapGet("", async Task<Results<Ok<IEnumerable<OrderResponse>>, NotFound, ValidationProblem>> (string slug, int? limit, string? cursor,
            HttpContext http, EventStore events, OrderDecisionStore store, TimeProvider clock) =>
        {
            var (size, after, error) = ListPage.Read(limit, cursor, OrderPageSize, OrderDecisionStore.OrderListKeys.Select(k => k.Kind).ToArray());
            if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [limit is null ? "cursor" : "limit"] = [error] });
            if (await events.FindAsync(slug) is not { } e) return TypedResults.NotFound();
            var page = ListPage.Apply(http, await store.ListOrdersAsync(e.Id, size + 1, after), size, o => o.SortKey);
            return TypedResults.Ok(page.Select(o => o.AsResponse([], clock.GetUtcNow())));
        })
            .WithSummary($"Orders of the event, pending first, {OrderPageSize} a page unless limit says otherwise (at most {ListCursor.MaxPageSize}); the next page in Link (rel=next) and X-Next-Cursor (organisers)");

        orders.MapPost("/{id:long}/mark-paid", (string slug, long id, HttpContext http, EventStore events, OrderDecisionStore store) =>
            Decide(slug, events, e => store.MarkPaidAsync(e, id, http.User.RequiredUserId())))
            .WithSummary("Mark an order paid; its tickets are confirmed once nothing else is pending (organisers)");
        orders.MapPost("/{id:long}/approve", (string slug, long id, HttpContext http, EventStore events, OrderDecisionStore store) =>
            Decide(slug, events, e => store.ApproveAsync(e, id, http.User.RequiredUserId())))
            .WithSummary("Approve an order of a type that needs approval (organisers)");
        orders.MapPost("/{id:long}/refuse", (string slug, long id, HttpContext http, EventStore events, OrderDecisionStore store) =>
            Decide(slug, events, e => store.RefuseAsync(e, id, http.User.RequiredUserId())))
            .WithSummary("Refuse a pending order; its places are freed (organisers)");
    }

    private static async Task<Results<NoContent, NotFound>> Decide(string slug, EventStore events, Func<long, Task<bool>> decide) =>
        await events.FindAsync(slug) is { } e && await decide(e.Id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static void MapMine(RouteGroupBuilder my)
    {
        my.MapGet("/tickets", async (HttpContext http, RegistrationStore store, TimeProvider clock) =>
            TypedResults.Ok((await store.ListHeldAsync(http.User.RequiredUserId())).Select(t => t.AsResponse(clock.GetUtcNow()))))
            .WithSummary("Tickets you hold, with their current secrets and links");

        my.MapGet("/tickets/{id:long}", async Task<Results<Ok<TicketResponse>, NotFound>> (long id, HttpContext http, RegistrationStore store, TimeProvider clock) =>
            await store.FindHeldAsync(http.User.RequiredUserId(), id) is { } t ? TypedResults.Ok(t.AsResponse(clock.GetUtcNow())) : TypedResults.NotFound())
            .WithSummary("One of your tickets");

        my.MapPost("/tickets/{id:long}/cancel", async Task<Results<NoContent, ValidationProblem, NotFound>> (long id, HttpContext http, RegistrationStore store) =>
        {
            var v = new Validator();
            if (await store.CancelAsync(http.User.RequiredUserId(), id, v)) return TypedResults.NoContent();
            return v.HasErrors ? v.Problem() : TypedResults.NotFound();
        }).WithSummary("Cancel your ticket before the cancellation deadline; its place goes to the waiting list");

        my.MapGet("/orders/{id:long}", async Task<Results<Ok<OrderResponse>, NotFound>> (long id, HttpContext http, RegistrationStore store, TimeProvider clock) =>
        {
            var found = await store.FindOrderAsync(id);
            if (found is not { } f || f.Order.BuyerUserId != http.User.RequiredUserId()) return TypedResults.NotFound();
            var mine = f.Tickets.Where(t => t.HolderUserId == f.Order.BuyerUserId);
            return TypedResults.Ok(f.Order.AsResponse(mine, clock.GetUtcNow()));
        }).WithSummary("One of your orders, with the tickets you still hold from it");

        my.MapGet("/waiting-list", async (HttpContext http, RegistrationStore store) =>
            TypedResults.Ok((await store.ListWaitingAsync(http.User.RequiredUserId())).Select(w => w.AsResponse())))
            .WithSummary("Your places on waiting lists, with any offer and when it lapses");

        my.MapDelete("/waiting-list/{id:long}", async Task<Results<NoContent, NotFound>> (long id, HttpContext http, RegistrationStore store) =>
            await store.LeaveWaitingListAsync(http.User.RequiredUserId(), id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Leave a waiting list; an open offer passes to the next in line");
    }
}
