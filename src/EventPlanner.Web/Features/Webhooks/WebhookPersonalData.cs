using System.Data;
using EventPlanner.Web.Infrastructure;
using static EventPlanner.Web.Infrastructure.PersonalDataSql;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>
/// Webhook payloads carry no addresses, but session.changed names the session's speakers (what the public schedule
/// shows), so a deleted speaker's name is scrubbed from the delivery log. Endpoints an organiser created are
/// the event's, not theirs, and stay (created_by is set null by the schema).
/// </summary>
public sealed class WebhookPersonalData : IPersonalDataContributor
{
    public string Section => "webhooks";

    public async Task<object> ExportAsync(IDbConnection c, PersonalDataSubject who, CancellationToken ct) => new Dictionary<string, object>
    {
        ["endpoints_created"] = await RowsAsync(c, """
            SELECT e.slug AS event, w.url, w.description, w.created_at FROM webhook_endpoints w JOIN events e ON e.id = w.event_id
            WHERE w.created_by = @UserId
            """, who),
    };

    public async Task EraseAsync(IDbConnection c, IDbTransaction tx, PersonalDataSubject who)
    {
        await ScrubAsync(c, tx, "webhook_deliveries", ["payload"], who, "Former speaker");
        await ScrubAsync(c, tx, "webhook_attempts", ["response_excerpt"], who, "Former speaker");
    }
}
