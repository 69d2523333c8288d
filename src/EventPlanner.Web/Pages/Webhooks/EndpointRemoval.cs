using System.Data;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Webhooks;
using static EventPlanner.Web.Features.Dashboard.Impact;

namespace EventPlanner.Web.Pages.Webhooks;

/// <summary>
/// What removing a webhook endpoint takes with it, in the confirmation's words. It sits with the page because Webhooks
/// and Dashboard are siblings (neither may use the other); the counts are Webhooks' own (<see cref="WebhookImpact"/>).
/// </summary>
public static class EndpointRemoval
{
    public static async Task<Impact?> ImpactAsync(Db db, long eventId, long endpointId)
    {
        await using var c = await db.OpenAsync();
        return await ImpactAsync(c, null, eventId, endpointId);
    }

    public static async Task<Impact?> ImpactAsync(IDbConnection c, IDbTransaction? tx, long eventId, long endpointId)
    {
        var (url, waiting, logged) = await WebhookImpact.EndpointAsync(c, tx, eventId, endpointId);
        if (url is null) return null;
        return new Impact(url, [
            new("waiting", waiting, $"{N(waiting, "delivery waiting to be sent is", "deliveries waiting to be sent are")} dropped: the receiver never gets {(waiting == 1 ? "it" : "them")}."),
            new("log", logged, $"{N(logged, "delivery", "deliveries")} in its log {(logged == 1 ? "goes" : "go")} with it."),
        ], "Nothing on the public schedule changes; the receiver is not told.");
    }
}
