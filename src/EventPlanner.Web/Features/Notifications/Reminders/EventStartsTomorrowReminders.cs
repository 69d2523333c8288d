using System.Globalization;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications.Reminders;

/// <summary>
/// Tells an event's team, the day before it starts (from 08:00 in the event's time zone), that it
/// starts tomorrow. The key carries the start date, so moving the event earns a new reminder.
/// </summary>
public sealed class EventStartsTomorrowReminders(Db db) : IReminderSource
{
    public static readonly TimeOnly NotBefore = new(8, 0);

    public string Name => "event-starts-tomorrow";

    public async Task<IReadOnlyList<NotificationRequest>> DueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        // Time zones span about a day either way of UTC: a wide window in SQL, the exact test per zone below.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TeamStart>("""
            SELECT e.id AS event_id, e.time_zone, e.starts_on, e.venue, r.user_id
            FROM events e JOIN (SELECT DISTINCT event_id, user_id FROM event_roles) r ON r.event_id = e.id
            WHERE e.starts_on BETWEEN @from AND @to
            """, new { from = today, to = today.AddDays(2) });

        var due = new List<NotificationRequest>();
        foreach (var row in rows)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZone, out var zone)) continue;
            var local = TimeZoneInfo.ConvertTime(now, zone);
            if (DateOnly.FromDateTime(local.DateTime).AddDays(1) != row.StartsOn || TimeOnly.FromDateTime(local.DateTime) < NotBefore) continue;
            due.Add(new NotificationRequest(
                $"{NotificationKinds.EventStartsTomorrow.Name}:{row.EventId}:{row.StartsOn:yyyy-MM-dd}:{row.UserId}",
                NotificationKinds.EventStartsTomorrow.Name, row.UserId, row.EventId,
                new Dictionary<string, string>
                {
                    ["starts_on"] = row.StartsOn.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture),
                    ["venue"] = string.IsNullOrWhiteSpace(row.Venue) ? "the venue on the event page" : row.Venue,
                }));
        }
        return due;
    }

    private sealed record TeamStart
    {
        public long EventId { get; init; }
        public string TimeZone { get; init; } = "UTC";
        public DateOnly StartsOn { get; init; }
        public string Venue { get; init; } = "";
        public long UserId { get; init; }
    }
}
