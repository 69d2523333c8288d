using System.Security.Cryptography;
using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Schedule;

public sealed record StarRow
{
    public long SessionId { get; init; }
    public long EventId { get; init; }
    public string Slug { get; init; } = "";
    public bool IsPublic { get; init; }
}

/// <summary>
/// Personal agendas: the sessions a signed-in user starred, and the private calendar address of them. Stars count
/// towards a session's expected audience, so the room rule sees the interest.
/// </summary>
public sealed class AgendaStore(Db db, TimeProvider clock)
{
    /// <summary>Stars a session of the event; false when it is not a session of that event.</summary>
    public Task<bool> StarAsync(long userId, long eventId, long sessionId, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (!await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM schedule_sessions WHERE id = @sessionId AND event_id = @eventId)",
                    new { sessionId, eventId }, tx)) return false;
            await c.ExecuteAsync("""
                INSERT INTO schedule_stars (user_id, session_id, event_id, created_at) VALUES (@userId, @sessionId, @eventId, @now)
                ON CONFLICT DO NOTHING
                """, new { userId, eventId, sessionId, now = clock.GetUtcNow() }, tx);
            return true;
        }, ct);

    public Task UnstarAsync(long userId, long sessionId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM schedule_stars WHERE user_id = @userId AND session_id = @sessionId", new { userId, sessionId }, tx), ct);

    public async Task<IReadOnlyList<StarRow>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<StarRow>("""
            SELECT st.session_id, st.event_id, e.slug, e.is_public FROM schedule_stars st JOIN events e ON e.id = st.event_id
            WHERE st.user_id = @userId ORDER BY e.starts_on, e.slug, st.session_id
            """, new { userId })).AsList();
    }

    public async Task<IReadOnlySet<long>> StarredInAsync(long userId, long eventId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>("SELECT session_id FROM schedule_stars WHERE user_id = @userId AND event_id = @eventId", new { userId, eventId })).ToHashSet();
    }

    public async Task<string?> FeedTokenAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string?>("SELECT token FROM schedule_agenda_feeds WHERE user_id = @userId", new { userId });
    }

    /// <summary>A new secret calendar address; any earlier one stops working.</summary>
    public Task<string> NewFeedAsync(long userId, CancellationToken ct = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("""
                INSERT INTO schedule_agenda_feeds (user_id, token, created_at) VALUES (@userId, @token, @now)
                ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at
                """, new { userId, token, now = clock.GetUtcNow() }, tx);
            return token;
        }, ct);
    }

    public Task RevokeFeedAsync(long userId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM schedule_agenda_feeds WHERE user_id = @userId", new { userId }, tx), ct);

    public async Task<long?> FeedOwnerAsync(string token, CancellationToken ct = default)
    {
        if (token.Length is < 20 or > 100) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT user_id FROM schedule_agenda_feeds WHERE token = @token", new { token });
    }
}
