using System.Diagnostics;
using System.Net;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// Draining webhook deliveries (issue 21): the real app, as its own process with its default delivery settings (plus
/// leave to reach loopback over http) and Hangfire on jobs.db, POSTs 10,000 signed deliveries to a Kestrel receiver in
/// the harness. They are written through the app's WebhookOutbox for an endpoint the organiser then enables through the
/// API, which kicks delivery: the clock runs from that call to the last delivery in and every row marked delivered.
/// Duplicates (a delivery id received twice, allowed by the at-least-once rule but not expected without a crash) and
/// losses (a row not delivered, or delivered and never received) are counted.
/// </summary>
public sealed class WebhooksDrainScenario : IScenario
{
    public const int Deliveries = 10_000;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    public string Name => "webhooks-drain";
    public string Description => $"{Deliveries:N0} webhook deliveries POSTed by the app to a local receiver: time to drain, deliveries/s, duplicates, lost";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Small];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await run.StartServerAsync(scale, ct, new Dictionary<string, string>
        {
            ["EventPlanner__Webhooks__AllowHttp"] = "true",
            ["EventPlanner__Webhooks__AllowPrivateTargets"] = "true",
        });
        BenchRun.RecordServer(result, server);
        var token = data.ApiToken(data.OrganiserEmail);
        var api = $"/api/events/{data.EventSlug}/webhooks";

        var created = await BenchApi.CallAsync(server, HttpMethod.Post, api, token,
            new { url = receiver.Url("/bench"), eventTypes = new[] { WebhookEventTypes.ScheduleReleased } }, HttpStatusCode.Created, ct);
        var endpointId = created.GetProperty("id").GetInt64();
        await BenchApi.CallAsync(server, HttpMethod.Patch, $"{api}/{endpointId}", token, new { active = false }, HttpStatusCode.OK, ct);

        var queueWatch = Stopwatch.StartNew();
        await QueueAsync(server, endpointId, ct);
        var queueSeconds = queueWatch.Elapsed.TotalSeconds;
        run.Log($"    queued {Deliveries:N0} deliveries in {queueSeconds:F1} s");

        var before = server.Sample();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var enabled = Stopwatch.GetTimestamp();
        await BenchApi.CallAsync(server, HttpMethod.Patch, $"{api}/{endpointId}", token, new { active = true }, HttpStatusCode.OK, ct);

        var undelivered = -1L;
        while (Stopwatch.GetElapsedTime(enabled) < GiveUpAfter)
        {
            await Task.Delay(100, ct);
            if (receiver.Delivered.Count < Deliveries) continue;
            undelivered = await UndeliveredAsync(server, endpointId, ct);
            if (undelivered == 0) break;
        }
        var drained = Stopwatch.GetElapsedTime(enabled);
        var after = server.Sample();
        var clientCpu = Environment.CpuUsage.TotalTime - cpuBefore;

        var rows = await ServerDatabase.QueryAsync<(string DeliveryId, string State)>(server,
            "SELECT delivery_id, state FROM webhook_deliveries WHERE endpoint_id = @endpointId", new { endpointId }, ct);
        var received = receiver.All.GroupBy(r => r.DeliveryId).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = received.Values.Sum(n => n - 1);
        var lost = rows.Count(r => r.State != "delivered" || !received.ContainsKey(r.DeliveryId));
        var seconds = drained.TotalSeconds;

        result.Figures.Add(new Figure("queued (through the WebhookOutbox)", rows.Count, "deliveries"));
        result.Figures.Add(new Figure("queueing time (not part of the drain)", queueSeconds * 1000, "ms"));
        result.Figures.Add(new Figure("time to drain (all in and all rows delivered)", drained.TotalMilliseconds, "ms"));
        result.Figures.Add(new Figure("delivered per second", received.Count / Math.Max(seconds, 0.001), "deliveries/s"));
        result.Figures.Add(new Figure("received (distinct delivery ids)", received.Count, "deliveries"));
        result.Figures.Add(new Figure("duplicates", duplicates, "deliveries"));
        result.Figures.Add(new Figure("lost", lost, "deliveries"));
        result.Figures.Add(new Figure("server CPU while draining", 100 * (after.ProcessorTime - before.ProcessorTime).TotalSeconds / seconds, "%"));
        result.Figures.Add(new Figure("harness CPU while draining (receiver, polling)", 100 * clientCpu.TotalSeconds / seconds, "%"));
        result.Check("duplicates = 0", duplicates == 0, $"{duplicates} extra copies");
        result.Check("lost = 0", lost == 0, $"{lost} of {rows.Count:N0} not delivered or never received");
        BenchRun.RecordServer(result, server);
        run.Log($"    drained {received.Count:N0} in {seconds:F1} s ({received.Count / Math.Max(seconds, 0.001):N0} deliveries/s), duplicates {duplicates}, lost {lost}");
        result.Notes.Add("delivery runs with the app's defaults (claims of 200, 16 POSTs in parallel, one transaction per batch's outcomes and attempt lines, " +
                         "Hangfire on jobs.db); the receiver is Kestrel in the harness process on the same machine and answers 200 at once.");
        return result;
    }

    /// <summary>
    /// Rows written as a change writes them, through the app's WebhookOutbox, a thousand per transaction, from the harness
    /// into the server's database. The endpoint is active only inside each transaction, so the server's minutely sweep
    /// cannot start before the timed enable.
    /// </summary>
    private static async Task QueueAsync(AppServer server, long endpointId, CancellationToken ct)
    {
        await using var services = DataGenerator.CreateServices(server.DataDirectory, TimeProvider.System);
        var db = services.GetRequiredService<Db>();
        var outbox = new WebhookOutbox(TimeProvider.System, new NoKick());
        var eventId = await ServerDatabase.ScalarAsync<long>(server, "SELECT event_id FROM webhook_endpoints WHERE id = @endpointId", new { endpointId }, ct);
        var data = new
        {
            version = 1, releasedAt = DateTimeOffset.UtcNow, automaticReason = (string?)null, sessionCount = 420, changeCount = 420,
            links = new { schedule = "https://example.org/events/x/schedule", json = "https://example.org/events/x/schedule.json" },
        };
        foreach (var chunk in Enumerable.Range(0, Deliveries).Chunk(1_000))
        {
            await db.WriteAsync(async (c, tx) =>
            {
                await c.ExecuteAsync("UPDATE webhook_endpoints SET active = TRUE WHERE id = @endpointId", new { endpointId }, tx);
                foreach (var _ in chunk) await outbox.PublishAsync(c, tx, eventId, WebhookEventTypes.ScheduleReleased, data);
                await c.ExecuteAsync("UPDATE webhook_endpoints SET active = FALSE WHERE id = @endpointId", new { endpointId }, tx);
            }, ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static Task<long> UndeliveredAsync(AppServer server, long endpointId, CancellationToken ct) =>
        ServerDatabase.ScalarAsync<long>(server, "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = @endpointId AND state <> 'delivered'",
            new { endpointId }, ct);

    private sealed class NoKick : IWebhookDispatcher
    {
        public void Kick() { }
    }
}
