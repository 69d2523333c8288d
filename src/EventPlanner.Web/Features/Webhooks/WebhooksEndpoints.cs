using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>Organisers' webhook endpoints and delivery log under /api/events/{slug}/webhooks; the delivery machinery's registration.</summary>
public static class WebhooksEndpoints
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(WebhookOptions.From(configuration));
        services.AddPersonalData<WebhookPersonalData>();
        services.AddSingleton<WebhookTargetCheck>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IWebhookDispatcher>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<WebhookOutbox>();
        // The safety net: rows whose kick was lost (a crash between commit and enqueue), due retries, lapsed leases.
        services.AddRecurringJob<WebhookDelivery>(WebhookDelivery.SweepJobId, d => d.DrainAsync(CancellationToken.None), Cron.Minutely());
        return services;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        app.MapWebhooksApi();
        // Whatever a previous run left pending goes out as soon as we are up.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<IWebhookDispatcher>().Kick());
        return app;
    }

    public const int MaxLogPage = 200;

    private static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events/{slug}/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.EventOrganiser);

        api.MapGet("", async Task<Results<Ok<List<WebhookEndpointResponse>>, NotFound>> (string slug, EventStore events, WebhookStore store, HttpContext http) =>
            await events.FindAsync(slug, http.RequestAborted) is { } e
                ? TypedResults.Ok((await store.ListAsync(e.Id, http.RequestAborted)).Select(r => r.AsResponse()).ToList())
                : TypedResults.NotFound())
            .WithSummary("The event's webhook endpoints (organisers); secrets are never listed");

        api.MapPost("", async Task<Results<Created<WebhookEndpointResponse>, ValidationProblem, NotFound>> (string slug, WebhookInput input, EventStore events,
            WebhookStore store, HttpContext http) =>
        {
            if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var row = await store.CreateAsync(e.Id, http.User.RequiredUserId(), input, v, http.RequestAborted);
            return row is null ? v.Problem() : TypedResults.Created($"/api/events/{slug}/webhooks/{row.Id}", row.AsResponse(withSecret: true));
        }).WithSummary("Add an endpoint (url, eventTypes, description); the answer carries its signing secret, shown this once");

        api.MapGet("/{id:long}", async Task<Results<Ok<WebhookEndpointResponse>, NotFound>> (string slug, long id, EventStore events, WebhookStore store, HttpContext http) =>
            await events.FindAsync(slug, http.RequestAborted) is { } e && await store.FindAsync(e.Id, id, http.RequestAborted) is { } row
                ? TypedResults.Ok(row.AsResponse())
                : TypedResults.NotFound())
            .WithSummary("One endpoint (organisers)");

        api.MapPatch("/{id:long}", async Task<Results<Ok<WebhookEndpointResponse>, ValidationProblem, NotFound>> (string slug, long id, WebhookInput input,
            EventStore events, WebhookStore store, WebhookOutbox outbox, HttpContext http) =>
        {
            if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return TypedResults.NotFound();
            var v = new Validator();
            var (row, rotated) = await store.UpdateAsync(e.Id, id, input, v, http.RequestAborted);
            if (v.HasErrors) return v.Problem();
            // Deliveries that waited while it was disabled go now, not at the next sweep.
            if (row is { Active: true } && input.Active == true) outbox.Kick();
            return row is null ? TypedResults.NotFound() : TypedResults.Ok(row.AsResponse(withSecret: rotated));
        }).WithSummary("Change an endpoint; fields left out keep their values; active=false disables it; rotateSecret=true answers with a new secret");

        api.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (string slug, long id, EventStore events, WebhookStore store, HttpContext http) =>
            await events.FindAsync(slug, http.RequestAborted) is { } e && await store.DeleteAsync(e.Id, id, http.RequestAborted)
                ? TypedResults.NoContent()
                : TypedResults.NotFound())
            .WithSummary("Remove an endpoint with its delivery log");

        api.MapGet("/deliveries", async Task<Results<Ok<List<WebhookDeliveryResponse>>, ValidationProblem, NotFound>> (string slug, long? endpointId, int? limit,
            EventStore events, WebhookStore store, HttpContext http) =>
        {
            var v = new Validator();
            var take = limit is null ? 50 : v.Range("limit", limit, 1, MaxLogPage, "Limit");
            if (v.HasErrors) return v.Problem();
            if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return TypedResults.NotFound();
            return TypedResults.Ok((await store.DeliveriesAsync(e.Id, endpointId, take, http.RequestAborted)).Select(d => d.AsResponse()).ToList());
        }).WithSummary($"The delivery log, newest first (limit 1-{MaxLogPage}, default 50; endpointId narrows it to one endpoint)");

        api.MapGet("/deliveries/{id:long}", async Task<Results<Ok<WebhookDeliveryResponse>, NotFound>> (string slug, long id, EventStore events, WebhookStore store,
            HttpContext http) =>
            await events.FindAsync(slug, http.RequestAborted) is { } e && await store.DeliveryAsync(e.Id, id, http.RequestAborted) is { } d
                ? TypedResults.Ok(d.Delivery.AsResponse(d.Attempts))
                : TypedResults.NotFound())
            .WithSummary("One delivery with every attempt (status, latency, the start of the answer)");

        api.MapPost("/deliveries/{id:long}/resend", async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> (string slug, long id, EventStore events,
            WebhookStore store, WebhookOutbox outbox, HttpContext http) =>
        {
            if (await events.FindAsync(slug, http.RequestAborted) is not { } e) return TypedResults.NotFound();
            var result = await store.ResendAsync(e.Id, id, http.RequestAborted);
            if (result.IsOk) outbox.Kick();
            return result.ToHttp(_ => TypedResults.Accepted($"/api/events/{slug}/webhooks/deliveries/{id}"));
        }).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Send a delivery again now, with the same delivery id and body (receivers de-duplicate on the id)");

        return app;
    }
}
