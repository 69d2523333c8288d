using EventPlanner.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Lightning;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Lightning;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EventPlanner.Tests.MultiNode;

/// <summary>
/// Issue 19's "Done when" rushes on two app nodes sharing one PostgreSQL database, the load split evenly between them:
/// the event's advisory lock orders writers across processes, and each node queues its own writers in memory
/// (<see cref="WriteGates"/>), so neither the invariant nor the connection pools give way.
/// </summary>
[RunsLong(seconds: 40)]
[Trait("Engine", "Postgres")]
public sealed class TwoNodeRushTests(TwoNodes nodes, ITestOutputHelper output) : IClassFixture<TwoNodes>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Five_thousand_registrations_split_across_both_nodes_for_a_thousand_places_sell_exactly_a_thousand()
    {
        var ev = await nodes.A.EventAsync();
        var type = await ev.TypeAsync(quota: 1000, perOrderLimit: 1);
        var crowd = await NodeCrowd.CreateAsync(nodes, "rush", 5000);

        var started = DateTime.UtcNow;
        var answers = await NodeCrowd.SendAllAsync(crowd, m => m.Request(HttpMethod.Post, $"/api/events/{ev.Slug}/registrations",
            JsonContent.Create(new
            {
                ticketTypeId = type,
                attendees = new[] { new { badgeName = m.Email, tshirtSize = "M", dietary = "" } },
                joinWaitingList = false,
            })));
        output.WriteLine($"5000 registrations over two nodes in {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // Every answer is a sale or a clear "sold out", never a server error or anything else.
        var unexpected = answers.Where(a => a.Response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected answers, e.g. {string.Join(" | ",
            unexpected.Take(3).Select(a => $"{(int)a.Response.StatusCode} {a.Body[..Math.Min(a.Body.Length, 300)]}"))}");
        Assert.Equal(1000, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4000, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Conflict));
        // Both nodes sold: the split really raced two processes' writers against each other.
        var soldBy = crowd.Zip(answers).Where(p => p.Second.Response.StatusCode == HttpStatusCode.Created).GroupBy(p => p.First.Node).ToList();
        Assert.Equal(2, soldBy.Count);
        output.WriteLine($"sold by node A: {soldBy.Single(g => g.Key == nodes.A).Count()}, by node B: {soldBy.Single(g => g.Key == nodes.B).Count()}");

        await using var c = await nodes.B.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal(1000, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @type AND status = 'valid'", new { type }));
        Assert.Equal(1000, await c.ExecuteScalarAsync<int>("SELECT taken FROM ticket_types WHERE id = @type", new { type }));
        // One ticket per buyer who was told "sold", none for the others.
        var winners = crowd.Zip(answers).Where(p => p.Second.Response.StatusCode == HttpStatusCode.Created).Select(p => p.First.Id).Order().ToList();
        var holders = (await c.QueryAsync<long>("SELECT holder_user_id FROM tickets WHERE ticket_type_id = @type", new { type })).Order().ToList();
        Assert.Equal(winners, holders);
    }

    [Fact]
    public async Task Two_hundred_lightning_sign_ups_split_across_both_nodes_seat_exactly_twelve_in_arrival_order()
    {
        var l = await LightningKit.CreateAsync(nodes.A, "two-node-lt", minutes: 60, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var crowd = await NodeCrowd.CreateAsync(nodes, "lt", 200);

        var answers = await NodeCrowd.SendAllAsync(crowd, m => m.Request(HttpMethod.Post, $"/api/events/{l.Slug}/lightning/{l.SessionId}/talks",
            JsonContent.Create(new { title = $"Talk by {m.Email}", description = "Quick one." })), perNode: 100);

        Assert.DoesNotContain(answers, a => (int)a.Response.StatusCode >= 500);
        Assert.Equal(12, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Created));
        Assert.Equal(188, answers.Count(a => a.Response.StatusCode == HttpStatusCode.Accepted));
        var talks = answers.Select(a => JsonSerializer.Deserialize<TalkResponse>(a.Body, Json)!).ToList();

        await using var c = await nodes.B.Services.GetRequiredService<Db>().OpenAsync();
        var rows = (await c.QueryAsync<(long UserId, string Status, long Seq, long Id)>(
            "SELECT user_id, status, seq, id FROM lightning_talks WHERE session_id = @SessionId ORDER BY seq", new { l.SessionId })).AsList();
        Assert.Equal(200, rows.Count);
        Assert.Equal(crowd.Select(m => m.Id).Order(), rows.Select(r => r.UserId).Order());
        // Arrival is the order the server took them: seq is numbered under the event's lock, one writer at a time across
        // both nodes, so it has no gaps or repeats; the first twelve hold the slots and the queue follows seq.
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.All(rows.Take(12), r => Assert.Equal(TalkStatuses.Confirmed, r.Status));
        Assert.All(rows.Skip(12), r => Assert.Equal(TalkStatuses.Waitlisted, r.Status));
        // What each node told its caller agrees with that one order, whichever node the caller used.
        var told = talks.ToDictionary(t => t.Id);
        Assert.Equal(Enumerable.Range(1, 188), rows.Skip(12).Select(r => told[r.Id].Position!.Value));
        Assert.Equal(Enumerable.Range(1, 12), rows.Take(12).Select(r => told[r.Id].Position!.Value).Order());
        var seated = crowd.Zip(answers).Where(p => p.Second.Response.StatusCode == HttpStatusCode.Created).Select(p => p.First.Node).Distinct().Count();
        var queuedOnBoth = crowd.Zip(answers).Where(p => p.Second.Response.StatusCode == HttpStatusCode.Accepted).Select(p => p.First.Node).Distinct().Count();
        Assert.Equal(2, queuedOnBoth);
        output.WriteLine($"slots went to callers of {seated} node(s)");
    }
}
