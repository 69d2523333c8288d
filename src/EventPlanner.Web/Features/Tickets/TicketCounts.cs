using System.Data;
using Dapper;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>Tickets at a glance for the organisers' dashboard: sold per type against its quota, check-ins, transfers.</summary>
public sealed record TicketCounts(IReadOnlyList<TicketTypeCount> Types, int CheckedInToday, int OfferedOnBoard, int AwaitingApproval)
{
    /// <summary>Check-ins count from <paramref name="dayStart"/> to <paramref name="dayEnd"/> (today in the event's zone, as UTC instants).</summary>
    public static async Task<TicketCounts> ReadAsync(IDbConnection c, long eventId, DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var types = (await c.QueryAsync<TicketTypeCount>("""
            SELECT tt.id, tt.name, tt.quota, tt.taken, tt.is_speaker_type, tt.sale_starts_at, tt.sale_ends_at,
                   (SELECT COUNT(*) FROM tickets t WHERE t.ticket_type_id = tt.id AND t.status = 'valid') AS sold,
                   (SELECT COUNT(*) FROM waiting_list w WHERE w.ticket_type_id = tt.id AND w.status = 'waiting') AS waiting
            FROM ticket_types tt WHERE tt.event_id = @eventId ORDER BY tt.sort_order, tt.name
            """, new { eventId })).AsList();
        var (today, board, approval) = await c.QuerySingleAsync<(long, long, long)>("""
            SELECT
              (SELECT COUNT(*) FROM ticket_checkins k WHERE k.event_id = @eventId AND k.undone_at IS NULL
                 AND k.checked_in_at >= @from AND k.checked_in_at < @to),
              (SELECT COUNT(*) FROM ticket_transfers x WHERE x.event_id = @eventId AND x.kind = 'community' AND x.status = 'open'),
              (SELECT COUNT(*) FROM ticket_transfers x WHERE x.event_id = @eventId AND x.status = 'awaiting_approval')
            """, new { eventId, from = dayStart, to = dayEnd });
        return new TicketCounts(types, (int)today, (int)board, (int)approval);
    }

    /// <summary>On sale now: some type other than the speakers' is inside its sale window and has places left.</summary>
    public static bool OnSale(IEnumerable<TicketTypeCount> types, DateTimeOffset now) => types.Any(t => !t.IsSpeakerType && t.Taken < t.Quota
        && (t.SaleStartsAt is null || t.SaleStartsAt <= now) && (t.SaleEndsAt is null || now < t.SaleEndsAt));
}

public sealed record TicketTypeCount
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public int Quota { get; init; }
    public int Taken { get; init; }
    public int Sold { get; init; }
    public int Waiting { get; init; }
    public bool IsSpeakerType { get; init; }
    public DateTimeOffset? SaleStartsAt { get; init; }
    public DateTimeOffset? SaleEndsAt { get; init; }
}
