using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>The app with its job server, allowed to reach the in-process receiver on 127.0.0.1 over plain http.</summary>
public class WebhookApp : EventPlannerAppWithJobs
{
    protected override IDictionary<string, string?> Settings => WebhookKit.ReachLoopback;
}

/// <summary>The same, without a job server: deliveries are written and wait (the "process died before sending" half of a restart).</summary>
public class WebhookAppWithoutJobs : EventPlannerApp
{
    protected override IDictionary<string, string?> Settings => WebhookKit.ReachLoopback;
}

internal static class WebhookKit
{
    public static readonly Dictionary<string, string?> ReachLoopback = new()
    {
        ["EventPlanner:Webhooks:AllowHttp"] = "true",
        ["EventPlanner:Webhooks:AllowPrivateTargets"] = "true",
        ["EventPlanner:Webhooks:RetryBaseSeconds"] = "0.05",
    };

    public static string[] AllTypes => WebhookEventTypes.All.Select(t => t.Name).ToArray();

    public static async Task<WebhookEndpointResponse> AddEndpointAsync(this HttpClient organiser, string slug, string url, params string[] types)
    {
        var response = await organiser.PostAsJsonAsync($"/api/events/{slug}/webhooks", new { url, eventTypes = types.Length == 0 ? AllTypes : types });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<WebhookEndpointResponse>())!;
    }

    public static async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, long eventId)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<WebhookDeliveryRow>("SELECT * FROM webhook_deliveries WHERE event_id = @eventId ORDER BY id", new { eventId })).AsList();
    }

    public static async Task<long> EventIdAsync(this EventPlannerApp app, string slug) =>
        (await app.Services.GetRequiredService<EventPlanner.Web.Features.Events.EventStore>().FindAsync(slug))!.Id;
}
