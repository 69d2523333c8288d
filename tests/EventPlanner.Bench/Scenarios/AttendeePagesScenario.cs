using System.Net;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using EventPlanner.Bench.Reporting;
using EventPlanner.Bench.Running;

namespace EventPlanner.Bench.Scenarios;

/// <summary>
/// What attendees open on their phones on the day (issue 20), each request from a different signed-in attendee
/// (round robin over all of them, so no one user's rows stay hot): the personal agenda page and its iCal feed, "my
/// tickets", the ticket page with its QR code and the QR image. On a released schedule with the scale's stars (5 per
/// attendee at FOSDEM scale) and one ticket per attendee. Targets: the agenda page and "my tickets" p95 under 50 ms at
/// 16 connections at FOSDEM scale, and every page running the same number of SQL statements at small and FOSDEM scale
/// (a query per star or per ticket would show up as a difference).
/// </summary>
public sealed class AttendeePagesScenario : IScenario
{
    private const int Connections = 16;
    private const double P95TargetMs = 50;
    private const int Probes = 5;

    public string Name => "attendee-pages";
    public string Description =>
        $"signed-in attendee pages at {Connections} connections, a different attendee per request: agenda page and iCal feed, my tickets, ticket page and QR; SQL statements per request at small and FOSDEM scale";
    // Small is measured inside the FOSDEM run (statement counts only), so one scale's result holds the comparison.
    public IReadOnlyList<Scale> DefaultScales { get; } = [Scales.Fosdem];

    private sealed record Page(string Label, Func<Attendee, string> Path, bool SignedIn, bool HasP95Target);

    private sealed record Attendee(string Token, string FeedPath, string TicketSecret);

    private static readonly Page[] Pages =
    [
        new("agenda page", _ => "/my/agenda", true, true),
        new("agenda iCal feed", a => a.FeedPath, false, false),
        new("my tickets", _ => "/my/tickets", true, true),
        new("ticket page (QR)", a => $"/tickets/{a.TicketSecret}", true, false),
        new("ticket QR image", a => $"/tickets/{a.TicketSecret}/qr.png", false, false),
    ];

    public async Task<ScenarioResult> RunAsync(BenchRun run, Scale scale, CancellationToken ct)
    {
        var result = new ScenarioResult { Scenario = Name, Scale = scale.Name };
        Dictionary<string, int>? smallCounts = null;
        if (scale.Name != Scales.Small.Name)
        {
            run.Log("    small scale first (SQL statements per page only)");
            await using var small = await PrepareAsync(run, Scales.Small, result: null, ct);
            smallCounts = await CountStatementsAsync(small.Server, small.Attendees, ct);
        }

        await using var prepared = await PrepareAsync(run, scale, result, ct);
        var (server, attendees) = (prepared.Server, prepared.Attendees);
        var counts = await CountStatementsAsync(server, attendees, ct);

        using var burst = new BurstClient(server, Connections);
        var requests = attendees.Count;
        foreach (var page in Pages)
        {
            HttpRequestMessage Make(int i)
            {
                var a = attendees[i % attendees.Count];
                return BenchApi.Request(HttpMethod.Get, page.Path(a), page.SignedIn ? a.Token : null);
            }
            // One pass to warm up (JIT, pools, and each token's use recorded, a write that is authentication, not
            // the page), then the measured pass over every attendee.
            _ = await burst.RunAsync(Math.Min(requests, 2000), Make, s => s == HttpStatusCode.OK, keepBodies: false, ct);
            var pass = await burst.RunAsync(requests, Make, s => s == HttpStatusCode.OK, keepBodies: false, ct);
            var label = $"GET {page.Label} ({requests:N0} attendees, {Connections} connections)";
            var load = pass.ToLoad(label, page.Path(attendees[0]));
            result.Loads.Add(load);
            run.Log($"    {label,-60} {pass.PerSecond,8:N0} req/s  p95 {load.Latency.P95Ms,7:F2} ms  p99 {load.Latency.P99Ms,7:F2} ms  errors {pass.Errors}");
            result.Check($"{page.Label}: no errors", pass.Errors == 0, pass.FirstError ?? "0");
            result.Figures.Add(new Figure($"{page.Label}: SQL statements per request", counts[page.Label], "statements"));
            result.Check($"{page.Label}: the same SQL statements for every attendee probed", !counts.TryGetValue(page.Label + " varies", out var least),
                counts.ContainsKey(page.Label + " varies") ? $"{least} to {counts[page.Label]}" : $"{counts[page.Label]}");
            if (page.HasP95Target)
            {
                result.Check($"{page.Label}: p95 under {P95TargetMs} ms at {Connections} connections", load.Latency.P95Ms < P95TargetMs, $"{load.Latency.P95Ms:F1} ms");
            }
            if (smallCounts is not null)
            {
                result.Check($"{page.Label}: same SQL statements at small and {scale.Name} scale", smallCounts[page.Label] == counts[page.Label],
                    $"small {smallCounts[page.Label]}, {scale.Name} {counts[page.Label]}");
            }
        }
        BenchRun.RecordServer(result, server);
        return result;
    }

    private sealed class Prepared(AppServer server, IReadOnlyList<Attendee> attendees) : IAsyncDisposable
    {
        public AppServer Server { get; } = server;
        public IReadOnlyList<Attendee> Attendees { get; } = attendees;
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    /// <summary>
    /// A copy of the scale's data set with its schedule placed, starred (the scale's stars, over the attendees) and
    /// released, then through the API: a free ticket type, one ticket and one calendar address per attendee.
    /// </summary>
    private static async Task<Prepared> PrepareAsync(BenchRun run, Scale scale, ScenarioResult? result, CancellationToken ct)
    {
        var data = await run.DatasetAsync(scale, ct);
        var folder = Path.Combine(run.TempRoot, $"attendee-pages-{scale.Name}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        File.Copy(data.DatabasePath, Path.Combine(folder, Path.GetFileName(data.DatabasePath)), overwrite: true);
        var placed = await ScheduleStep.ApplyAsync(folder, scale, run.Options.Seed, ct);
        var server = await AppServer.StartAsync(folder, run.RepoRoot, ct,
            new Dictionary<string, string> { ["EventPlanner__Diagnostics__CountQueries"] = "true" });
        try
        {
            var slug = data.EventSlug;
            var type = await BenchApi.CallAsync(server, HttpMethod.Post, $"/api/events/{slug}/ticket-types", data.ApiToken(data.OrganiserEmail), new
            {
                name = "Day pass",
                description = "Free; one per person.",
                price = 0m,
                currency = "EUR",
                quota = scale.Attendees,
                perOrderLimit = 1,
                transferability = "transferable",
            }, HttpStatusCode.Created, ct);
            var typeId = type.GetProperty("id").GetInt64();
            var tokens = Enumerable.Range(1, scale.Attendees).Select(i => data.ApiToken(UsersStep.Email(scale, "attendee", i))).ToArray();

            using var burst = new BurstClient(server, Connections);
            var registered = await burst.RunAsync(tokens.Length, i => BenchApi.Request(HttpMethod.Post, $"/api/events/{slug}/registrations", tokens[i], new
            {
                ticketTypeId = typeId,
                attendees = new[] { new { badgeName = $"Attendee {i + 1}", tshirtSize = "", dietary = "" } },
                joinWaitingList = false,
            }), s => s == HttpStatusCode.Created, keepBodies: false, ct);
            if (registered.Errors > 0) throw new InvalidOperationException($"Registering the attendees: {registered.FirstError}");
            var feeds = await burst.RunAsync(tokens.Length, i => BenchApi.Request(HttpMethod.Post, "/api/my/agenda/feed", tokens[i]),
                s => s == HttpStatusCode.OK, keepBodies: true, ct);
            if (feeds.Errors > 0) throw new InvalidOperationException($"Creating calendar addresses: {feeds.FirstError}");

            var secrets = (await ServerDatabase.QueryAsync<(string Email, string Secret)>(server, """
                SELECT u.email, t.secret FROM tickets t JOIN users u ON u.id = t.holder_user_id
                JOIN ticket_types tt ON tt.id = t.ticket_type_id WHERE tt.id = @typeId AND t.status = 'valid'
                """, new { typeId }, ct)).ToDictionary(r => r.Email, r => r.Secret, StringComparer.Ordinal);
            var stars = await ServerDatabase.ScalarAsync<long>(server, "SELECT COUNT(*) FROM schedule_stars", null, ct);
            var attendees = Enumerable.Range(0, tokens.Length).Select(i =>
            {
                var url = JsonDocument.Parse(feeds.Replies[i].Body!).RootElement.GetProperty("url").GetString()!;
                return new Attendee(tokens[i], new Uri(url).AbsolutePath, secrets[UsersStep.Email(scale, "attendee", i + 1)]);
            }).ToList();
            run.Log($"    {scale.Name}: {placed:N0} sessions released, {attendees.Count:N0} attendees with a ticket and a calendar address, {stars:N0} stars");
            if (result is not null)
            {
                result.Figures.Add(new Figure("sessions placed and released", placed, "sessions"));
                result.Figures.Add(new Figure("attendees, each with a ticket and a calendar address", attendees.Count, "attendees"));
                result.Figures.Add(new Figure("agenda stars", stars, "stars"));
            }
            return new Prepared(server, attendees);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Statements per request for each page, from a few attendees, after each one's token use is recorded. Every
    /// attendee must run the same number (else the figure is not a property of the page) and it is reported.
    /// </summary>
    private static async Task<Dictionary<string, int>> CountStatementsAsync(AppServer server, IReadOnlyList<Attendee> attendees, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        async Task<int> ProbeAsync(Page page, Attendee a)
        {
            using var request = BenchApi.Request(HttpMethod.Get, page.Path(a), page.SignedIn ? a.Token : null);
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {page.Path(a)} answered {(int)response.StatusCode}.\n{server.Output()}");
            return int.Parse(response.Headers.GetValues("X-Query-Count").Single());
        }
        foreach (var page in Pages)
        {
            var seen = new HashSet<int>();
            for (var i = 0; i < Probes; i++)
            {
                var a = attendees[i * (attendees.Count / Probes)];
                _ = await ProbeAsync(page, a); // records the token's use (5 min window) and warms the page
                seen.Add(await ProbeAsync(page, a));
            }
            // Different attendees (with different numbers of stars) running different numbers shows up in the
            // small/FOSDEM comparison as well, as the largest count.
            counts[page.Label] = seen.Max();
            if (seen.Count != 1) counts[page.Label + " varies"] = seen.Min();
        }
        return counts;
    }
}
