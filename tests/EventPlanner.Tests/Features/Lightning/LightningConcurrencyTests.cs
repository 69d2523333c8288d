using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Lightning;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>
/// 200 people sign up at the same instant for 12 slots, ten rounds over: exactly 12 confirmed, the rest waitlisted in the
/// order the server took them, nobody lost, nobody twice. People are inserted directly (with API tokens) because hashing
/// hundreds of passwords would dominate the run.
/// </summary>
[RunsLong(seconds: 20)]
[Trait("Engine", "Both")] // on PostgreSQL the writers queue in memory per event (Db.WriteLockedAsync, WriteGates), not on pooled connections
public sealed class LightningConcurrencyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Two_hundred_sign_ups_at_once_for_twelve_slots_confirm_exactly_twelve_and_queue_the_rest_in_arrival_order()
    {
        var crowd = (await app.CrowdAsync("lt-crowd", 200)).Select(u => new Person(u.Id, u.Email, u.Api)).ToList();
        var l = await LightningKit.CreateAsync(app, "lt-rush", minutes: 60, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            // A fresh 12-slot session each round (60 minutes of 5-minute talks, no changeover).
            var sessionId = round == 0 ? l.SessionId : await l.AnotherSessionAsync($"Rush {round}", $"{7 + round:00}:00", new { slotMinutes = 5, changeoverMinutes = 0 }, minutes: 60);

            var responses = await Task.WhenAll(crowd.Select(p => p.Api.PostAsJsonAsync($"/api/events/{l.Slug}/lightning/{sessionId}/talks",
                new { title = $"Round {round} by {p.Email}", description = "Quick one." })));

            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
            Assert.Equal(12, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(188, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
            var answers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<TalkResponse>())!));

            await using var c = await Db.OpenAsync();
            var rows = (await c.QueryAsync<(long UserId, string Status, long Seq, long Id)>(
                "SELECT user_id, status, seq, id FROM lightning_talks WHERE session_id = @sessionId ORDER BY seq", new { sessionId })).AsList();
            // Nobody lost, nobody twice.
            Assert.Equal(200, rows.Count);
            Assert.Equal(crowd.Select(p => p.Id).Order(), rows.Select(r => r.UserId).Order());
            // The first twelve the server took hold the slots; everyone after waits, numbered in the same order.
            Assert.All(rows.Take(12), r => Assert.Equal(TalkStatuses.Confirmed, r.Status));
            Assert.All(rows.Skip(12), r => Assert.Equal(TalkStatuses.Waitlisted, r.Status));
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), rows.Select(r => r.Seq));
            var byId = answers.ToDictionary(a => a.Id);
            Assert.Equal(Enumerable.Range(1, 188), rows.Skip(12).Select(r => byId[r.Id].Position!.Value));
            Assert.Equal(Enumerable.Range(1, 12), rows.Take(12).Select(r => byId[r.Id].Position!.Value).Order());
        }
    }
}
