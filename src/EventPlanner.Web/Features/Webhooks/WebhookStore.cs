using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Webhooks;

/// <summary>Endpoints and the delivery log of one event. Every read and write names the event, so ids of another event's rows find nothing.</summary>
public sealed class WebhookStore(Db db, TimeProvider clock, WebhookOptions options, WebhookTargetCheck targets)
{
    private const string EndpointColumns = "id, event_id, url, secret, event_types, description, active, created_at, updated_at";
    private const string DeliveryColumns = """
        id, endpoint_id, event_id, event_type, delivery_id, payload, state, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
        """;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<WebhookEndpointRow>($"SELECT {EndpointColumns} FROM webhook_endpoints WHERE event_id = @eventId ORDER BY id", new { eventId })).AsList();
    }

    public async Task<WebhookEndpointRow?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WebhookEndpointRow>(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE event_id = @eventId AND id = @id", new { eventId, id });
    }

    /// <summary>Null with field messages when refused; the new row carries its secret, shown this once.</summary>
    public async Task<WebhookEndpointRow?> CreateAsync(long eventId, long userId, WebhookInput input, Validator v, CancellationToken ct = default)
    {
        var url = WebhookRules.Url(input.Url, options, v);
        var types = WebhookRules.EventTypes(input.EventTypes, v);
        var description = v.Optional("description", input.Description, WebhookRules.MaxDescription, "Description");
        if (v.HasErrors || url is null || types is null || !await targets.AllowedAsync(url, v, ct)) return null;
        var now = clock.GetUtcNow();
        return await db.WriteAsync(async (c, tx) =>
        {
            var count = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM webhook_endpoints WHERE event_id = @eventId", new { eventId }, tx);
            if (count >= WebhookRules.MaxEndpointsPerEvent)
            {
                v.Add("url", $"An event has at most {WebhookRules.MaxEndpointsPerEvent} endpoints; remove or reuse one.");
                return null;
            }
            return await c.QuerySingleAsync<WebhookEndpointRow>($"""
                INSERT INTO webhook_endpoints (event_id, url, secret, event_types, description, active, created_by, created_at, updated_at)
                VALUES (@eventId, @url, @secret, @types, @description, TRUE, @userId, @now, @now)
                RETURNING {EndpointColumns}
                """, new { eventId, url = url.AbsoluteUri, secret = WebhookRules.NewSecret(), types, description, userId, now }, tx);
        }, ct);
    }

    /// <summary>Changes what is given (a missing field keeps its value). Null when not found or refused (then <paramref name="v"/> says why).</summary>
    public async Task<(WebhookEndpointRow? Row, bool Rotated)> UpdateAsync(long eventId, long id, WebhookInput input, Validator v, CancellationToken ct = default)
    {
        Uri? url = null;
        if (input.Url is not null && (url = WebhookRules.Url(input.Url, options, v)) is not null) await targets.AllowedAsync(url, v, ct);
        var types = input.EventTypes is null ? null : WebhookRules.EventTypes(input.EventTypes, v);
        var description = input.Description is null ? null : v.Optional("description", input.Description, WebhookRules.MaxDescription, "Description");
        if (v.HasErrors) return (null, false);
        var rotate = input.RotateSecret == true;
        var now = clock.GetUtcNow();
        var row = await db.WriteAsync((c, tx) => c.QuerySingleOrDefaultAsync<WebhookEndpointRow>($"""
            UPDATE webhook_endpoints
            SET url = coalesce(@url, url), event_types = coalesce(@types, event_types), description = coalesce(@description, description),
                active = coalesce(@active, active), secret = coalesce(@secret, secret), updated_at = @now
            WHERE event_id = @eventId AND id = @id
            RETURNING {EndpointColumns}
            """, new { eventId, id, url = url?.AbsoluteUri, types, description, active = input.Active, secret = rotate ? WebhookRules.NewSecret() : null, now }, tx), ct);
        return (row, rotate && row is not null);
    }

    /// <summary><paramref name="stillAsShown"/>: the confirmation's recount, run first inside the transaction; false leaves the endpoint.</summary>
    public async Task<bool> DeleteAsync(long eventId, long id, CancellationToken ct = default, Func<System.Data.IDbConnection, System.Data.IDbTransaction, Task<bool>>? stillAsShown = null) =>
        await db.WriteAsync(async (c, tx) => stillAsShown is not null && !await stillAsShown(c, tx) ? 0
            : await c.ExecuteAsync("DELETE FROM webhook_endpoints WHERE event_id = @eventId AND id = @id", new { eventId, id }, tx), ct) == 1;

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(long eventId, long? endpointId, int limit, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<WebhookDeliveryRow>($"""
            SELECT {DeliveryColumns} FROM webhook_deliveries
            WHERE event_id = @eventId AND (@endpointId IS NULL OR endpoint_id = @endpointId)
            ORDER BY id DESC LIMIT @limit
            """, new { eventId, endpointId, limit })).AsList();
    }

    public async Task<(WebhookDeliveryRow Delivery, IReadOnlyList<WebhookAttemptRow> Attempts)?> DeliveryAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var d = await c.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE event_id = @eventId AND id = @id", new { eventId, id });
        if (d is null) return null;
        var attempts = await c.QueryAsync<WebhookAttemptRow>("""
            SELECT id, delivery_id, attempt, started_at, duration_ms, status, error, response_excerpt
            FROM webhook_attempts WHERE delivery_id = @id ORDER BY id
            """, new { id });
        return (d, attempts.AsList());
    }

    /// <summary>
    /// Sends a delivery again with the same id and body (re-signed when sent), so a receiver that already has it can
    /// drop the copy. It gets one attempt beyond the usual count; a failed resend stays failed, to be resent again.
    /// A delivery being sent right now, or one whose endpoint is disabled, is a conflict saying what to do instead.
    /// </summary>
    public async Task<WriteResult<long>> ResendAsync(long eventId, long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.WriteAsync(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<(string State, bool Active)?>("""
                SELECT d.state, e.active FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.event_id = @eventId AND d.id = @id
                """, new { eventId, id }, tx);
            if (row is not { } r) return WriteResult<long>.NotFound;
            if (r.State == WebhookDeliveryStates.Sending) return WriteResult<long>.Conflict("Conflict", "The delivery is being sent right now; look again in a moment.");
            if (!r.Active) return WriteResult<long>.Conflict("Conflict", "The endpoint is disabled; enable it to resend.");
            await c.ExecuteAsync("""
                UPDATE webhook_deliveries
                SET state = 'pending', next_attempt_at = @now, delivered_at = NULL,
                    attempts = CASE WHEN attempts >= @max THEN @max - 1 ELSE attempts END
                WHERE id = @id
                """, new { id, now, max = options.MaxAttempts }, tx);
            return WriteResult<long>.Ok(id);
        }, ct);
    }
}
