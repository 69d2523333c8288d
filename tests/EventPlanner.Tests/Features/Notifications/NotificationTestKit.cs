using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

/// <summary>Helpers for notification tests: make an event, read the outbox, wait for an outcome.</summary>
public static class NotificationTestKit
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing after a bounded wait (never a blind sleep).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds}s for: {what}");
            await Task.Delay(25);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 15) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, seconds);

    /// <summary>
    /// Waits until delivery has nothing left to do: no notification pending or being sent, and no Hangfire
    /// job queued or running (a drain that found the queue empty still ends with a write). For tests that
    /// measure requests, which a concurrent write can disturb.
    /// </summary>
    public static Task WaitForQuietDeliveryAsync<T>(this WebApplicationFactory<T> app) where T : class
    {
        var jobs = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        return WaitUntilAsync(async () =>
            !(await app.OutboxAsync()).Any(n => n.State is NotificationStates.Pending or NotificationStates.Sending)
            && jobs.ProcessingCount() == 0 && jobs.EnqueuedCount("default") == 0, "delivery to fall quiet");
    }

    /// <summary>Creates an event through the API; the caller (an administrator) becomes its organiser.</summary>
    public static async Task<(string Slug, long Id)> CreateEventAsync<T>(this WebApplicationFactory<T> app, HttpClient admin, string slug, string name = "FOSS Meetup")
        where T : class
    {
        var response = await admin.PostAsJsonAsync("/api/events", new
        {
            slug, name, timeZone = "Asia/Kuala_Lumpur", startsOn = "2026-12-05", endsOn = "2026-12-06", venue = "Hall A",
        });
        response.EnsureSuccessStatusCode();
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (slug, await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug }));
    }

    public static async Task<IReadOnlyList<NotificationRow>> OutboxAsync<T>(this WebApplicationFactory<T> app, string? dedupePrefix = null)
        where T : class
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.QueryAsync<NotificationRow>(
            "SELECT * FROM notifications WHERE @prefix IS NULL OR dedupe_key LIKE @prefix || '%' ORDER BY id",
            new { prefix = dedupePrefix })).AsList();
    }

    /// <summary>
    /// Reads the outbox from the database itself (the SQLite file, or the class's PostgreSQL database), for moments
    /// when no host is running.
    /// </summary>
    public static async Task<IReadOnlyList<NotificationRow>> OutboxStoredAsync(EventPlannerApp app, string dedupePrefix)
    {
        await using System.Data.Common.DbConnection c = app.PostgresDatabase is { } database
            ? new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ConnectionStringFor(database)) { Pooling = false }.ToString())
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "eventplanner.db")};Pooling=False");
        await c.OpenAsync();
        return (await c.QueryAsync<NotificationRow>(
            "SELECT * FROM notifications WHERE dedupe_key LIKE @prefix || '%' ORDER BY id", new { prefix = dedupePrefix })).AsList();
    }

    public static async Task<NotificationRow> RowAsync<T>(this WebApplicationFactory<T> app, long id) where T : class
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.QuerySingleAsync<NotificationRow>("SELECT * FROM notifications WHERE id = @id", new { id });
    }

    /// <summary>Writes one notification straight into the outbox, without kicking delivery.</summary>
    public static async Task<long> QueueAsync<T>(this WebApplicationFactory<T> app, long userId, string key, long? eventId = null)
        where T : class
    {
        var outbox = app.Services.GetRequiredService<Outbox>();
        var id = eventId is null
            ? await outbox.EnqueueAsync(new NotificationRequest(key, AccountNotificationKinds.AccountConfirm.Name, userId, null,
                new Dictionary<string, string> { ["link"] = "/account/confirm?x=1" }), kick: false)
            : await outbox.EnqueueAsync(new NotificationRequest(key, EventNotificationKinds.TeamRoleGranted.Name, userId, eventId,
                new Dictionary<string, string> { ["role"] = "reviewer", ["granted_by"] = "Tests" }), kick: false);
        return id ?? throw new InvalidOperationException($"{key} was already queued");
    }
}
