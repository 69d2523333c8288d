using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Web.Features.Notifications;

/// <summary>
/// A user's in-app inbox: every notification to them that is out of the organisers' hands (not
/// held, not discarded), whether or not its email has gone yet.
/// </summary>
public sealed class InboxQueries(Db db, TimeProvider clock)
{
    private const string Visible = "user_id = @userId AND in_inbox = TRUE AND state NOT IN ('held', 'discarded')";

    public async Task<int> UnreadCountAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM notifications WHERE {Visible} AND read_at IS NULL", new { userId });
    }

    /// <summary>The user's notifications, newest first: <paramref name="limit"/> of them, older than <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(long userId, int limit = 100, long? before = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<NotificationRow>(
            $"SELECT * FROM notifications WHERE {Visible} AND (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit", new { userId, limit, before })).AsList();
    }

    /// <summary>One of the user's own notifications, marked read as it is opened.</summary>
    public Task<NotificationRow?> OpenAsync(long userId, long id, CancellationToken ct = default) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync($"UPDATE notifications SET read_at = @now WHERE id = @id AND {Visible} AND read_at IS NULL",
                new { id, userId, now = clock.GetUtcNow() }, tx);
            return await c.QuerySingleOrDefaultAsync<NotificationRow>($"SELECT * FROM notifications WHERE id = @id AND {Visible}", new { id, userId }, tx);
        }, ct);

    public Task<int> MarkUnreadAsync(long userId, long id, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync($"UPDATE notifications SET read_at = NULL WHERE id = @id AND {Visible}", new { id, userId }, tx), ct);

    public Task<int> MarkAllReadAsync(long userId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync($"UPDATE notifications SET read_at = @now WHERE {Visible} AND read_at IS NULL",
            new { userId, now = clock.GetUtcNow() }, tx), ct);
}
