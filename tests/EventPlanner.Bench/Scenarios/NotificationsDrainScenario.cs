using System.Diagnostics;
using System.Net;
using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// Draining the outbox (issue 3): the real app, as its own process with its default delivery settings and
/// Hangfire on jobs.db, sends 10,000 queued notifications to a local SMTP server in the harness. They are
/// queued as an organiser's held bulk mail (through the app's Outbox, into the server's database), then
/// released through the API, which kicks delivery: the clock runs from the release to the last message
/// in and every row marked sent. Duplicates (a Message-Id twice) and losses (a row not sent, or sent and
/// never received) are counted.
/// </summary>
public sealed class NotificationsDrainScenario : IScenario
{
    public const int Notifications = 10_000;
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(4);

    public string Name => "notifications-drain";
    public string Description => $"{Notifications:N0} released notifications delivered by the app over SMTP to a local server: time to drain (target under {Target.TotalSeconds:0} s), sent/s, duplicates, lost";
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Fosdem];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        var data = await run.DatasetAsync(scale, ct);
        await using var smtp = new SmtpSink();
        await using var server = await run.StartServerAsync(scale, ct, smtp.AppSettings);
        BenchRun.RecordServer(result, server);

        var dedupePrefix = $"bench-drain:{run.RunId}:";
        var queueWatch = Stopwatch.StartNew();
        await QueueAsync(server, data.EventSlug, dedupePrefix, ct);
        var queueSeconds = queueWatch.Elapsed.TotalSeconds;
        run.Log($"    queued {Notifications:N0} held notifications in {queueSeconds:F1} s");
        // Only ours are measured: the generated data also holds the team's role notices, which the app sends as it starts.
        var ours = (await ServerDatabase.QueryAsync<string>(server, "SELECT message_id FROM notifications WHERE dedupe_key LIKE @prefix",
            new { prefix = dedupePrefix + "%" }, ct)).ToHashSet(StringComparer.Ordinal);
        int Arrived() => ours.Count(smtp.ByMessageId.ContainsKey);

        var before = server.Sample();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var released = Stopwatch.GetTimestamp();
        var answer = await BenchApi.CallAsync(server, HttpMethod.Post, $"/api/events/{data.EventSlug}/notifications/release",
            data.ApiToken(data.OrganiserEmail), new { }, HttpStatusCode.OK, ct);
        var releasedCount = answer.GetProperty("count").GetInt32();

        var unsent = -1L;
        while (Stopwatch.GetElapsedTime(released) < GiveUpAfter)
        {
            await Task.Delay(100, ct);
            if (Arrived() < ours.Count) continue;
            unsent = await UnsentAsync(server, dedupePrefix, ct);
            if (unsent == 0) break;
        }
        var drained = Stopwatch.GetElapsedTime(released);
        var after = server.Sample();
        var clientCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (unsent != 0) unsent = await UnsentAsync(server, dedupePrefix, ct);

        var rows = await ServerDatabase.QueryAsync<(string MessageId, string State)>(server,
            "SELECT message_id, state FROM notifications WHERE dedupe_key LIKE @prefix", new { prefix = dedupePrefix + "%" }, ct);
        var arrivals = smtp.ByMessageId.Where(m => ours.Contains(m.Key)).Select(m => m.Value).ToList();
        var duplicates = arrivals.Sum(a => a.Count - 1);
        var lost = rows.Count(r => r.State != NotificationStates.Sent || !smtp.ByMessageId.ContainsKey(r.MessageId));
        var delivered = arrivals.Count;
        var lastIn = delivered == 0 ? drained : Stopwatch.GetElapsedTime(released, arrivals.Max(a => a.LastAt));
        var firstIn = delivered == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(released, arrivals.Min(a => a.FirstAt));
        var seconds = drained.TotalSeconds;

        result.Figures.Add(new Figure("queued (held bulk mail, through the Outbox)", rows.Count, "notifications"));
        result.Figures.Add(new Figure("queueing time (not part of the drain)", queueSeconds * 1000, "ms"));
        result.Figures.Add(new Figure("released through the API", releasedCount, "notifications"));
        result.Figures.Add(new Figure("first message in, after the release", firstIn.TotalMilliseconds, "ms"));
        result.Figures.Add(new Figure("last message in, after the release", lastIn.TotalMilliseconds, "ms"));
        result.Figures.Add(new Figure("time to drain (all in and all rows sent)", drained.TotalMilliseconds, "ms"));
        result.Figures.Add(new Figure("sent per second", delivered / Math.Max(lastIn.TotalSeconds, 0.001), "mails/s"));
        result.Figures.Add(new Figure("delivered (distinct Message-Ids)", delivered, "mails"));
        result.Figures.Add(new Figure("duplicates", duplicates, "mails"));
        result.Figures.Add(new Figure("lost", lost, "notifications"));
        result.Figures.Add(new Figure("server CPU while draining", 100 * (after.ProcessorTime - before.ProcessorTime).TotalSeconds / seconds, "%"));
        result.Figures.Add(new Figure("harness CPU while draining (SMTP server, polling)", 100 * clientCpu.TotalSeconds / seconds, "%"));
        result.Check("duplicates = 0", duplicates == 0, $"{duplicates} extra copies");
        result.Check("lost = 0", lost == 0, $"{lost} of {rows.Count:N0} not sent or never received");
        result.Check($"drained under {Target.TotalSeconds:0} s", unsent == 0 && drained < Target, $"{drained.TotalSeconds:F1} s" + (unsent == 0 ? "" : $", {unsent:N0} still unsent"));
        BenchRun.RecordServer(result, server);
        run.Log($"    drained {delivered:N0} in {drained.TotalSeconds:F1} s ({delivered / Math.Max(lastIn.TotalSeconds, 0.001):N0} sent/s), duplicates {duplicates}, lost {lost}");
        result.Figures.Add(new Figure("other mail received (the generated team's role notices, sent at start-up)", smtp.Received - arrivals.Sum(a => a.Count), "mails"));
        result.Notes.Add("delivery runs with the app's defaults (batches of 32, 4 sends in parallel over up to 4 kept-open SMTP connections, Hangfire on jobs.db); " +
                         "the SMTP server runs in the harness process on the same machine and parses only the headers.");
        return result;
    }

    /// <summary>
    /// Held bulk mail to the scale's accounts in turn (some get two), written as BulkMail writes it: one
    /// Outbox row per recipient, a thousand per transaction, from the harness into the server's database.
    /// </summary>
    private static async Task QueueAsync(AppServer server, string slug, string dedupePrefix, CancellationToken ct)
    {
        await using var services = DataGenerator.CreateServices(server.DataDirectory, TimeProvider.System);
        var db = services.GetRequiredService<Db>();
        var outbox = services.GetRequiredService<Outbox>();
        long eventId;
        List<long> users;
        await using (var c = await db.OpenAsync(ct))
        {
            eventId = await c.ExecuteScalarAsync<long>("SELECT id FROM events WHERE slug = @slug", new { slug });
            users = (await c.QueryAsync<long>("SELECT id FROM users ORDER BY id")).AsList();
        }
        var wording = new Wording("News from the organisers of {event_name}",
            "Hello {recipient_name},\n\nThe schedule is out: have a look at {event_link}.\n\nSee you there!");
        foreach (var chunk in Enumerable.Range(0, Notifications).Chunk(1_000))
        {
            await outbox.WriteWithNoticesAsync(async (c, tx, notices) =>
            {
                foreach (var i in chunk)
                {
                    await notices.AddAsync(c, tx, new NotificationRequest($"{dedupePrefix}{i}", NotificationKinds.Bulk.Name, users[i % users.Count],
                        eventId, new Dictionary<string, string>(), wording));
                }
            }, ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static Task<long> UnsentAsync(AppServer server, string dedupePrefix, CancellationToken ct) =>
        ServerDatabase.ScalarAsync<long>(server, "SELECT COUNT(*) FROM notifications WHERE dedupe_key LIKE @prefix AND state <> 'sent'",
            new { prefix = dedupePrefix + "%" }, ct);
}
