using EventPlanner.Web.Data;
using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;

namespace EventPlanner.Web.Infrastructure.Webhooks;

/// <summary>
/// Where a feature publishes a change for the event's webhook endpoints. Call <see cref="PublishAsync"/> inside the
/// transaction that makes the change: one delivery row per active endpoint subscribed to the type is written with it,
/// so a rolled-back change sends nothing and a committed one is never lost. After the commit, call <see cref="Kick"/>
/// (the minutely sweep would find the rows anyway).
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock, IWebhookDispatcher dispatcher)
{
    /// <summary>The body's casing matches the JSON API's.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="data"/> as a <paramref name="type"/> delivery to every subscribed endpoint; returns how many.</summary>
    public async Task<int> PublishAsync(IDbConnection c, IDbTransaction tx, long eventId, string type, object data)
    {
        if (!WebhookEventTypes.IsKnown(type)) throw new ArgumentException($"Unknown webhook event type {type}.", nameof(type));
        // One indexed read when nobody listens: most events have no endpoint, and this runs in busy transactions.
        var endpoints = (await c.QueryAsync<long>($"""
            SELECT id FROM webhook_endpoints
            WHERE event_id = @eventId AND active = TRUE AND {SqlDialect.Of(c).Contains("event_types", "' ' || @type || ' '")}
            ORDER BY id
            """, new { eventId, type }, tx)).AsList();
        if (endpoints.Count == 0) return 0;

        var ev = await c.QuerySingleAsync<(string Slug, string Name)>("SELECT slug, name FROM events WHERE id = @eventId", new { eventId }, tx);
        var now = clock.GetUtcNow();
        foreach (var endpointId in endpoints)
        {
            var deliveryId = NewDeliveryId();
            var payload = JsonSerializer.Serialize(new
            {
                id = deliveryId,
                type,
                createdAt = now,
                @event = new { slug = ev.Slug, name = ev.Name },
                data,
            }, Json);
            await c.ExecuteAsync("""
                INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, delivery_id, payload, state, attempts, next_attempt_at, created_at)
                VALUES (@endpointId, @eventId, @type, @deliveryId, @payload, 'pending', 0, @now, @now)
                """, new { endpointId, eventId, type, deliveryId, payload, now }, tx);
        }
        return endpoints.Count;
    }

    public void Kick() => dispatcher.Kick();

    /// <summary>Unguessable, so a receiver can trust it as a de-duplication key and nobody can forge a "seen" one.</summary>
    public static string NewDeliveryId() =>
        "whd_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
