using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>What organisers see and do with their event's notifications: delivery state, retries, held mail.</summary>
public sealed class NotificationStore(Db db, TimeProvider clock, NotificationDispatcher dispatcher)
{
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<StateCount>(
            "SELECT state, COUNT(*) AS count FROM notifications WHERE event_id = @eventId GROUP BY state", new { eventId });
        return NotificationStates.All.ToDictionary(s => s, s => rows.FirstOrDefault(r => r.State == s)?.Count ?? 0);
    }

    public async Task<IReadOnlyList<NotificationRow>> ListAsync(long eventId, string? state, int limit = 200, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<NotificationRow>("""
            SELECT * FROM notifications WHERE event_id = @eventId AND (@state IS NULL OR state = @state)
            ORDER BY id DESC LIMIT @limit
            """, new { eventId, state, limit })).AsList();
    }

    public async Task<NotificationRow?> FindAsync(long eventId, long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<NotificationRow>(
            "SELECT * FROM notifications WHERE id = @id AND event_id = @eventId", new { id, eventId });
    }

    /// <summary>Gives failed notifications a fresh round of attempts, now. Returns how many.</summary>
    public async Task<int> RetryFailedAsync(long eventId, long? id, CancellationToken ct = default)
    {
        var count = await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE notifications SET state = 'pending', attempts = 0, next_attempt_at = @now, updated_at = @now
            WHERE event_id = @eventId AND state = 'failed' AND (@id IS NULL OR id = @id)
            """, new { eventId, id, now = clock.GetUtcNow() }, tx), ct);
        if (count > 0) dispatcher.Kick();
        return count;
    }

    /// <summary>Sends held notifications (the given ones, or all). Returns how many were released.</summary>
    public async Task<int> ReleaseAsync(long eventId, IReadOnlyCollection<long>? ids, CancellationToken ct = default)
    {
        var count = await db.WriteAsync((c, tx) => c.ExecuteAsync($"""
            UPDATE notifications SET state = 'pending', next_attempt_at = @now, updated_at = @now
            WHERE event_id = @eventId AND state = 'held' {(ids is null ? "" : "AND " + db.Dialect.InList("id", "@ids"))}
            """, new { eventId, ids = ids?.ToArray(), now = clock.GetUtcNow() }, tx), ct);
        if (count > 0) dispatcher.Kick();
        return count;
    }

    public Task<int> DiscardAsync(long eventId, IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync($"""
            UPDATE notifications SET state = 'discarded', updated_at = @now WHERE event_id = @eventId AND state = 'held' AND {db.Dialect.InList("id", "@ids")}
            """, new { eventId, ids = ids.ToArray(), now = clock.GetUtcNow() }, tx), ct);

    /// <summary>Rewrites one held notification. False when it is no longer held (released or discarded meanwhile).</summary>
    public async Task<bool> EditHeldAsync(long eventId, long id, string? subject, string? body, Validator v, CancellationToken ct = default)
    {
        var s = v.Required("subject", subject, TemplateText.MaxSubject, "Subject");
        var b = v.Required("body", body, TemplateText.MaxBody, "Message");
        if (s is not null && s.Contains('\n')) v.Add("subject", "The subject must fit on one line.");
        if (v.HasErrors) return false;
        var changed = await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE notifications SET subject = @s, body = @b, updated_at = @now WHERE id = @id AND event_id = @eventId AND state = 'held'
            """, new { id, eventId, s, b, now = clock.GetUtcNow() }, tx), ct);
        if (changed == 0) v.Add("", "This message is no longer held: it was released or discarded meanwhile.");
        return changed == 1;
    }

    /// <summary>Records a one-click unsubscribe. Returns the notification it came from, or null for an unknown token.</summary>
    public Task<NotificationRow?> UnsubscribeAsync(string token, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<NotificationRow>("SELECT * FROM notifications WHERE unsubscribe_token = @token", new { token }, tx);
            if (row is null) return null;
            await c.ExecuteAsync("""
                INSERT INTO notification_unsubscribes (user_id, kind, event_id, created_at) VALUES (@UserId, @Kind, @EventId, @now)
                ON CONFLICT DO NOTHING
                """, new { row.UserId, row.Kind, row.EventId, now = clock.GetUtcNow() }, tx);
            return row;
        }, ct);

    public async Task<NotificationRow?> FindByUnsubscribeTokenAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<NotificationRow>("SELECT * FROM notifications WHERE unsubscribe_token = @token", new { token });
    }
}
