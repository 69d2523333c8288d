using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// Ticket holders as bulk-mail groups: everyone with a valid ticket, and the holders of each ticket
/// type (one option per type). Pending tickets (awaiting payment or approval) are not held yet.
/// </summary>
public sealed class TicketHolderAudienceSource(Db db) : IAudienceSource
{
    public const string All = "tickets";
    private const string TypePrefix = "tickets:type:";

    public static string OfType(long typeId) => TypePrefix + typeId;

    public async Task<IReadOnlyList<AudienceOption>> OptionsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var types = await c.QueryAsync<(long Id, string Name)>(
            "SELECT id, name FROM ticket_types WHERE event_id = @eventId ORDER BY sort_order, name", new { eventId });
        return [new(All, "Ticket holders: everyone with a valid ticket"), .. types.Select(t => new AudienceOption(OfType(t.Id), $"Holders of {t.Name} tickets"))];
    }

    public async Task<IReadOnlyList<long>?> MembersAsync(long eventId, string key, CancellationToken ct = default)
    {
        long? typeId = null;
        if (key.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            if (!long.TryParse(key.AsSpan(TypePrefix.Length), out var id)) return null;
            typeId = id;
        }
        else if (key != All) return null;
        await using var c = await db.OpenAsync(ct);
        if (typeId is not null && !await c.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM ticket_types WHERE id = @typeId AND event_id = @eventId)", new { typeId, eventId }))
        {
            return null; // another event's type is not one of this event's groups
        }
        return (await c.QueryAsync<long>("""
            SELECT DISTINCT holder_user_id FROM tickets
            WHERE event_id = @eventId AND status = 'valid' AND (@typeId IS NULL OR ticket_type_id = @typeId)
            ORDER BY holder_user_id
            """, new { eventId, typeId })).AsList();
    }
}
