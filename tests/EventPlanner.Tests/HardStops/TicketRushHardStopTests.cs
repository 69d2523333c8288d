using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EventPlanner.Bench.Generator;
using Xunit.Abstractions;

namespace EventPlanner.Tests.HardStops;

/// <summary>
/// kill -9 in the middle of a ticket rush, then a restart: never more sold than the quota, every "sold"
/// answer (201) is a stored valid ticket, and the rush can go on to sell out exactly the quota.
/// </summary>
[Trait("Engine", "Both")] // the app process on the run's engine: a SQLite data folder, or a PostgreSQL database (HardStopSite)
[Collection(HardStopCollection.Name)]
public sealed class TicketRushHardStopTests(HardStopData data, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Quota = 200;
    private const int Attendees = 300;
    private AppProcess? _app;

    [Fact]
    public async Task Killed_mid_rush_sold_never_exceeds_the_quota_and_every_sold_answer_is_a_stored_ticket()
    {
        var (site, generated) = await data.SiteAsync("rush");
        var tokens = Enumerable.Range(1, Attendees).Select(i => generated.ApiToken(UsersStep.Email(HardStopData.Scale, "attendee", i))).ToArray();
        _app = await site.StartAsync();
        var slug = generated.EventSlug;
        var type = await _app.CallAsync(HttpMethod.Post, $"/api/events/{slug}/ticket-types", generated.ApiToken(generated.OrganiserEmail), new
        {
            name = "Hard-stop day pass",
            description = "Free; one per person.",
            price = 0m,
            currency = "EUR",
            quota = Quota,
            perOrderLimit = 1,
            transferability = "transferable",
        }, HttpStatusCode.Created);
        var typeId = type.GetProperty("id").GetInt64();

        // Every attendee, 16 requests in flight at a time; a thread of its own watches the stored tickets and kills the
        // app once a quarter of the places are sold (answers reach the test too late to time a kill on a busy machine).
        var sold = new ConcurrentBag<(int Attendee, long TicketId)>();
        var killedAtStored = -1L;
        var app = _app;
        var watcher = new Thread(() =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                var stored = site.Scalar<long>("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @typeId", new { typeId });
                if (stored >= Quota / 4)
                {
                    app.Kill();
                    killedAtStored = stored;
                    return;
                }
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        using var gate = new SemaphoreSlim(16);
        var answers = new ConcurrentDictionary<string, int>();
        watcher.Start();
        var rush = Enumerable.Range(0, Attendees).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await app.Http.SendAsync(app.Request(HttpMethod.Post, $"/api/events/{slug}/registrations", tokens[i], new
                {
                    ticketTypeId = typeId,
                    attendees = new[] { new { badgeName = $"Rush attendee {i + 1}", tshirtSize = "", dietary = "" } },
                    joinWaitingList = false,
                }));
                var body = await response.Content.ReadAsStringAsync();
                answers.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    foreach (var ticket in JsonDocument.Parse(body).RootElement.GetProperty("order").GetProperty("tickets").EnumerateArray())
                    {
                        sold.Add((i, ticket.GetProperty("id").GetInt64()));
                    }
                }
            }
            // A connection the kill cuts mid-connect can surface as a bare SocketException ("Transport endpoint is not
            // connected", from HttpConnectionPool reading the remote end point outside its own wrapping): no answer either.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
            {
                answers.AddOrUpdate("no answer (killed)", 1, (_, n) => n + 1);
            }
            finally
            {
                gate.Release();
            }
        })).ToList();

        await Task.WhenAll(rush).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(watcher.Join(TimeSpan.FromSeconds(70)) && killedAtStored >= 0, $"Only {sold.Count} answered sold; the kill never came:\n{_app.Output()}");
        var soldAnswers = sold.ToList();

        var storedAfterKill = site.Scalar<long>("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @typeId AND status = 'valid'", new { typeId });
        var takenAfterKill = site.Scalar<long>("SELECT taken FROM ticket_types WHERE id = @typeId", new { typeId });
        var soldIds = soldAnswers.Select(s => s.TicketId).ToList();
        var soldIdsIn = site.Dialect.InList("id", "@soldIds");
        var storedOfAnswered = site.Scalar<long>($"SELECT COUNT(*) FROM tickets WHERE {soldIdsIn} AND ticket_type_id = @typeId AND status = 'valid'", new { soldIds, typeId });
        output.WriteLine($"rush: {Attendees} attendees, quota {Quota}, killed when {killedAtStored} tickets were stored; answers before the kill: " +
                         string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));
        output.WriteLine($"after the kill: {storedAfterKill} valid tickets stored (quota counter {takenAfterKill}); " +
                         $"{soldAnswers.Count} answered sold, {storedOfAnswered} of them stored; " +
                         $"{storedAfterKill - storedOfAnswered} stored whose answer the kill cut off");
        // The ticket mail is written in the sale's transaction: a stored ticket whose answer the kill cut off still has it.
        var withoutMail = site.Scalar<long>("""
            SELECT COUNT(*) FROM tickets t WHERE t.ticket_type_id = @typeId AND t.status = 'valid'
            AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'ticket-confirmed:' || t.id || ':' || t.holder_user_id)
            """, new { typeId });
        output.WriteLine($"stored tickets without their ticket mail queued: {withoutMail}");
        Assert.Equal(0, withoutMail);
        Assert.True(storedAfterKill <= Quota, $"{storedAfterKill} tickets stored for a quota of {Quota}");
        Assert.Equal(soldAnswers.Count, storedOfAnswered);
        Assert.Equal(storedAfterKill, takenAfterKill);

        // Restart on the same folder; the ones not answered sold try again, and the rush sells out exactly.
        await _app.DisposeAsync();
        _app = await site.StartAsync();
        var answeredSold = soldAnswers.Select(s => s.Attendee).ToHashSet();
        var second = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Attendees).Where(i => !answeredSold.Contains(i)),
            new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                using var response = await _app.Http.SendAsync(_app.Request(HttpMethod.Post, $"/api/events/{slug}/registrations", tokens[i], new
                {
                    ticketTypeId = typeId,
                    attendees = new[] { new { badgeName = $"Rush attendee {i + 1}", tshirtSize = "", dietary = "" } },
                    joinWaitingList = false,
                }), ct);
                second.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            });
        var storedAtEnd = site.Scalar<long>("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @typeId AND status = 'valid'", new { typeId });
        var takenAtEnd = site.Scalar<long>("SELECT taken FROM ticket_types WHERE id = @typeId", new { typeId });
        var storedOfAnsweredAtEnd = site.Scalar<long>($"SELECT COUNT(*) FROM tickets WHERE {soldIdsIn} AND status = 'valid'", new { soldIds });
        output.WriteLine($"after the restart, the rest try again: " + string.Join(", ", second.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}")));
        output.WriteLine($"at the end: {storedAtEnd} valid tickets stored (quota {Quota}, counter {takenAtEnd}); answered-sold tickets still stored: {storedOfAnsweredAtEnd}");

        Assert.Equal(Quota, storedAtEnd);
        Assert.Equal(storedAtEnd, takenAtEnd);
        Assert.Equal(soldAnswers.Count, storedOfAnsweredAtEnd);
        Assert.Equal(0, second.Where(a => a.Key >= 500).Sum(a => a.Value));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
