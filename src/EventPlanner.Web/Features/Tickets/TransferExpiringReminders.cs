using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Tickets;

/// <summary>
/// A transfer offer waiting for its recipient lapses within a day: the recipient (the named address of a
/// direct offer, or the requester chosen on the board) is reminded to accept or decline, and the holder
/// hears that it has not been accepted yet. An offer made less than a day before it lapses gets no
/// reminder: the offer itself is fresh enough.
/// </summary>
public sealed class TransferExpiringReminders(Db db, TicketNotices notices) : IReminderSource
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    public string Name => "transfer-expiring";

    public async Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var waiting = await c.QueryAsync<WaitingTransfer>("""
            SELECT x.id, x.event_id, e.time_zone, x.kind, x.token, x.from_user_id, f.display_name AS from_name,
                   x.recipient_email, x.recipient_name, x.recipient_user_id, cu.display_name AS chosen_name,
                   x.expires_at, COALESCE(r.created_at, x.created_at) AS offered_at
            FROM ticket_transfers x JOIN events e ON e.id = x.event_id JOIN users f ON f.id = x.from_user_id
            LEFT JOIN users cu ON cu.id = x.recipient_user_id
            LEFT JOIN ticket_transfer_requests r ON r.transfer_id = x.id AND r.status = 'chosen'
            WHERE ((x.kind = 'direct' AND x.status = 'open') OR (x.kind = 'community' AND x.status = 'chosen'))
              AND x.expires_at > @now AND x.expires_at <= @until
            ORDER BY x.id
            """, new { now, until = now + Ahead });
        return waiting.Where(w => w.OfferedAt <= w.ExpiresAt - Ahead).SelectMany(notices.TransferExpiring).ToList();
    }
}

/// <summary>A transfer offer still waiting for its recipient, as the reminders need it.</summary>
public sealed record WaitingTransfer
{
    public long Id { get; init; }
    public long EventId { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public string Kind { get; init; } = "";
    public string Token { get; init; } = "";
    public long FromUserId { get; init; }
    public string FromName { get; init; } = "";
    public string? RecipientEmail { get; init; }
    public string? RecipientName { get; init; }
    public long? RecipientUserId { get; init; }
    public string? ChosenName { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset OfferedAt { get; init; }
}
