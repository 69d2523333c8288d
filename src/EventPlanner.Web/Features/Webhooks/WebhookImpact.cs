using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// What removing a webhook endpoint takes with it (the confirmation step): read on the caller's connection, inside the
/// delete's transaction when the confirming post recounts.
/// </summary>
public static class WebhookImpact
{
    public static async Task<(string? Url, int Waiting, int Logged)> EndpointAsync(IDbConnection c, IDbTransaction? tx, long eventId, long endpointId)
    {
        var e = await c.QuerySingleOrDefaultAsync<(string? Url, long Waiting, long Logged)>("""
            SELECT w.url,
              (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = w.id AND d.state IN ('pending', 'sending')),
              (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = w.id)
            FROM webhook_endpoints w WHERE w.id = @endpointId AND w.event_id = @eventId
            """, new { eventId, endpointId }, tx);
        return (e.Url, (int)e.Waiting, (int)e.Logged);
    }
}
