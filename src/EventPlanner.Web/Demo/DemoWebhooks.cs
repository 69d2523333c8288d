using System.Text.Json;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Web.Demo;

/// <summary>
/// A webhook endpoint subscribed to every type, with a short delivery log to click through: two delivered (a release, and
/// the BoF booking the BoFs part made, as bof.booked), one that failed every attempt, one waiting. The endpoint points at a name under .invalid (never resolves, RFC 2606) and is disabled, so a demo never
/// sends anything anywhere. Runs once (it stops when the event has any endpoint).
/// </summary>
public sealed class DemoWebhooks : IDemoPart
{
    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM webhook_endpoints WHERE event_id = @Id", e, tx) > 0) return;
            var version = await c.ExecuteScalarAsync<int?>("SELECT max(number) FROM schedule_releases WHERE event_id = @Id", e, tx) ?? 1;
            var endpointId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO webhook_endpoints (event_id, url, secret, event_types, description, active, created_by, created_at, updated_at)
                VALUES (@eventId, 'https://hooks.fossmy.invalid/eventplanner', @secret, @types, 'Community site rebuild (demo: disabled, never sends)', FALSE, @organiser, @at, @at)
                RETURNING id
                """, new
            {
                eventId = e.Id, secret = WebhookRules.NewSecret(), organiser = data.Organisers.FirstOrDefault()?.Id,
                types = " " + string.Join(" ", WebhookEventTypes.All.Select(t => t.Name)) + " ", // the site rebuilds on anything
                at = now.AddDays(-3),
            }, tx);
            data.CountAdded();

            async Task<long> DeliveryAsync(string type, object payloadData, string state, DateTimeOffset created, int? status, string? error)
            {
                var deliveryId = WebhookOutbox.NewDeliveryId();
                var payload = JsonSerializer.Serialize(new { id = deliveryId, type, createdAt = created, @event = new { slug = e.Slug, name = e.Name }, data = payloadData },
                    WebhookOutbox.Json);
                var attempts = state switch { WebhookDeliveryStates.Delivered => 1, WebhookDeliveryStates.Failed => 3, _ => 0 };
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, delivery_id, payload, state, attempts, next_attempt_at,
                                                    last_status, last_error, created_at, delivered_at)
                    VALUES (@endpointId, @eventId, @type, @deliveryId, @payload, @state, @attempts, @created, @status, @error, @created,
                            CASE WHEN @state = 'delivered' THEN @created END)
                    RETURNING id
                    """, new { endpointId, eventId = e.Id, type, deliveryId, payload, state, attempts, created, status, error }, tx);
                for (var n = 1; n <= attempts; n++)
                {
                    await c.ExecuteAsync("""
                        INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status, error, response_excerpt)
                        VALUES (@id, @n, @at, @ms, @status, @error, @excerpt)
                        """, new
                    {
                        id, n, at = created.AddSeconds(10 * (Math.Pow(3, n - 1) - 1)), ms = 40 + 17 * n, status, error,
                        excerpt = status is >= 200 and < 300 ? "{\"ok\":true}" : status is null ? null : "<html><body>502 Bad Gateway</body></html>",
                    }, tx);
                }
                data.CountAdded(1 + attempts);
                return id;
            }

            var links = new { schedule = $"/events/{e.Slug}/schedule" };
            await DeliveryAsync(WebhookEventTypes.ScheduleReleased, new { version, releasedAt = now.AddDays(-2), automaticReason = (string?)null, links },
                WebhookDeliveryStates.Delivered, now.AddDays(-2), 200, null);
            await DeliveryAsync(WebhookEventTypes.SessionChanged, new { version, change = "moved", session = new { title = "Keynote: twenty years of FOSS in Malaysia" } },
                WebhookDeliveryStates.Failed, now.AddDays(-2).AddMinutes(1), 502, "HTTP 502");
            var bof = await c.QuerySingleOrDefaultAsync<DemoBof>("""
                SELECT b.id, b.title, b.session_id, s.id AS slot_id, s.room_id, r.name AS room_name, s.starts_at, s.ends_at,
                       (SELECT COUNT(*) FROM bof_interest i WHERE i.bof_id = b.id) AS interested
                FROM bofs b JOIN bof_slots s ON s.id = b.slot_id JOIN rooms r ON r.id = s.room_id
                WHERE b.event_id = @Id ORDER BY b.id LIMIT 1
                """, e, tx);
            if (bof is not null)
            {
                await DeliveryAsync(WebhookEventTypes.BofBooked, new
                {
                    change = "booked",
                    bof = new { id = bof.Id, title = bof.Title, interested = bof.Interested, sessionId = bof.SessionId },
                    slot = new { id = bof.SlotId, room = new { id = bof.RoomId, name = bof.RoomName }, startsAt = bof.StartsAt, endsAt = bof.EndsAt },
                    previousSlot = (object?)null,
                    link = $"/events/{e.Slug}/sessions/{bof.SessionId}",
                }, WebhookDeliveryStates.Delivered, now.AddHours(-1).AddSeconds(-1), 200, null);
            }
            await DeliveryAsync(WebhookEventTypes.ScheduleReleased, new { version, releasedAt = now.AddHours(-1), automaticReason = "A BoF was booked", links },
                WebhookDeliveryStates.Pending, now.AddHours(-1), null, null);
        }, ct);
    }

    private sealed record DemoBof
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public long? SessionId { get; init; }
        public long SlotId { get; init; }
        public long RoomId { get; init; }
        public string RoomName { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public int Interested { get; init; }
    }
}
