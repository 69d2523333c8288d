using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Community;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Community;

/// <summary>
/// Approvals re-check the room inside their BEGIN IMMEDIATE transaction: however many arrive at once, the stored
/// approved blocks never overlap in a room, and every refused caller gets a clear 409 with alternatives.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityConcurrencyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private const int Rounds = 10;

    [Fact]
    public async Task Fifty_simultaneous_approvals_of_overlapping_blocks_store_no_overlap_in_ten_rounds()
    {
        var c = await CommunityKit.CreateAsync(app, "cc-fifty");
        var hosts = new List<(HttpClient Host, long Group)> { (c.Host, c.GroupId) };
        for (var i = 1; i < 5; i++)
        {
            var host = await app.CreateApiClientAsync($"host{i}-cc-fifty@example.org");
            hosts.Add((host, await CommunityKit.GroupAsync(c.Schedule, host, $"Group {i}")));
        }
        var rooms = new[] { c.Schedule.Janson, c.Schedule.Small, c.Schedule.Medium };

        for (var round = 0; round < Rounds; round++)
        {
            // 50 requests in one room, each overlapping the others (10:00 + k*5 minutes, 60 minutes long), from five groups.
            var room = rooms[round % rooms.Length];
            var date = round < 5 ? "2027-02-06" : "2027-02-07";
            var hour = 9 + round % 5;
            var requests = await Task.WhenAll(Enumerable.Range(0, 50).Select(k =>
            {
                var (host, group) = hosts[k % hosts.Count];
                var minutes = hour * 60 + (k % 10) * 5;
                return c.RequestAsync(room, $"{minutes / 60:00}:{minutes % 60:00}", $"{(minutes + 60) / 60:00}:{(minutes + 60) % 60:00}", 20, date, host, group);
            }));

            var answers = await Task.WhenAll(requests.Select(r => c.ApproveRawAsync(r.Id)));

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(49, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).Take(3))
            {
                var problem = await refused.ProblemAsync();
                Assert.Contains("community block", problem.GetProperty("detail").GetString());
                Assert.True(problem.GetProperty("freeRooms").GetArrayLength() > 0);
            }
        }
        Assert.Equal(0, await OverlapsAsync());
        Assert.Equal(Rounds, await CountAsync($"SELECT COUNT(*) FROM community_blocks b JOIN events e ON e.id = b.event_id WHERE e.slug = '{c.Slug}' AND b.status = 'approved'"));
    }

    [Fact]
    public async Task Two_groups_asking_for_the_same_room_and_time_at_once_exactly_one_gets_it_and_the_other_is_told_what_is_free()
    {
        var c = await CommunityKit.CreateAsync(app, "cc-two", "Ubuntu Malaysia");
        var fedoraHost = await app.CreateApiClientAsync("host-fedora-cc-two@example.org");
        var fedora = await CommunityKit.GroupAsync(c.Schedule, fedoraHost, "Fedora Malaysia");
        var secondOrganiser = await SecondOrganiserAsync(c);

        for (var round = 0; round < Rounds; round++)
        {
            var start = $"{9 + round % 8:00}:00";
            var end = $"{10 + round % 8:00}:00";
            var date = round < 8 ? "2027-02-06" : "2027-02-07";
            // Both ask at the same moment (requests do not reserve), then two organisers approve both at the same moment.
            var asked = await Task.WhenAll(
                c.RequestAsync(c.Schedule.Medium, start, end, 40, date),
                c.RequestAsync(c.Schedule.Medium, start, end, 40, date, fedoraHost, fedora));
            var answers = await Task.WhenAll(c.ApproveRawAsync(asked[0].Id), c.ApproveRawAsync(asked[1].Id, organiser: secondOrganiser));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var loser = await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ProblemAsync();
            Assert.Equal("Room not free at that time", loser.GetProperty("title").GetString());
            Assert.Contains("H.2215 is taken", loser.GetProperty("detail").GetString());
            Assert.Equal(["Janson"], loser.GetProperty("freeRooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Where(n => n == "Janson"));
            Assert.Equal(end, loser.GetProperty("nextFree").GetProperty("start").GetString());
        }
        Assert.Equal(0, await OverlapsAsync());
    }

    [Fact]
    public async Task Groups_accepting_proposals_for_the_same_room_and_time_at_once_get_it_exactly_once()
    {
        var c = await CommunityKit.CreateAsync(app, "cc-proposals");
        var otherHost = await app.CreateApiClientAsync("host-other-cc-proposals@example.org");
        var other = await CommunityKit.GroupAsync(c.Schedule, otherHost, "FOSSChix");

        for (var round = 0; round < Rounds; round++)
        {
            var date = round < 5 ? "2027-02-06" : "2027-02-07";
            var start = $"{10 + round % 5:00}:00";
            var end = $"{11 + round % 5:00}:00";
            var mine = await c.RequestAsync(c.Schedule.Small, "09:00", "09:30", 20, "2027-02-06");
            var theirs = await c.RequestAsync(c.Schedule.Small, "09:00", "09:30", 20, "2027-02-06", otherHost, other);
            foreach (var b in new[] { mine, theirs })
            {
                (await c.Organiser.PostAsJsonAsync($"{c.Api}/requests/{b.Id}/propose", new { roomId = c.Schedule.Janson, date, start, end, note = "" }))
                    .EnsureSuccessStatusCode();
            }

            var answers = await Task.WhenAll(
                c.Host.PostAsync($"{c.Api}/requests/{mine.Id}/accept-proposal", null),
                otherHost.PostAsync($"{c.Api}/requests/{theirs.Id}/accept-proposal", null));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        }
        Assert.Equal(0, await OverlapsAsync());
    }

    private async Task<HttpClient> SecondOrganiserAsync(CommunityEvent c)
    {
        await app.CreateUserAsync("org2-cc-two@example.org");
        (await c.Organiser.PostAsJsonAsync($"/api/events/{c.Slug}/team", new { email = "org2-cc-two@example.org", role = "organiser" })).EnsureSuccessStatusCode();
        return await app.CreateApiClientAsync("org2-cc-two@example.org");
    }

    private Task<int> OverlapsAsync() => CountAsync("""
        SELECT COUNT(*) FROM community_blocks a JOIN community_blocks b ON a.id < b.id AND a.room_id = b.room_id
        WHERE a.status = 'approved' AND b.status = 'approved' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
        """);

    private async Task<int> CountAsync(string sql)
    {
        await using var conn = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql);
    }
}
