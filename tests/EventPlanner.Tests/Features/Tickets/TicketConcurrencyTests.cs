using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>
/// The rules that must hold whatever the concurrency, each raced for several rounds. People are inserted
/// directly (with API tokens) because hashing hundreds of passwords would dominate the run.
/// </summary>
[RunsLong(seconds: 30)]
[Trait("Engine", "Both")] // on PostgreSQL the writers queue in memory per event (Db.WriteLockedAsync, WriteGates), not on pooled connections
public sealed class TicketConcurrencyTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Two_hundred_buyers_for_the_last_fifty_tickets_buy_exactly_fifty_in_every_round()
    {
        var ev = await app.EventAsync();
        var buyers = await app.CrowdAsync("crowd", 200);
        var early = await app.UserAsync();

        for (var round = 0; round < 10; round++)
        {
            var type = await ev.TypeAsync(quota: 60, perOrderLimit: 10);
            Assert.Equal(HttpStatusCode.Created, (await early.Api.RegisterAsync(ev.Slug, type, attendees: 10)).StatusCode);

            var responses = await Task.WhenAll(buyers.Select((b, i) => b.Api.RegisterAsync(ev.Slug, type, joinWaitingList: i % 2 == 0)));

            Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(150, responses.Count(r => r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict));
            await using var c = await Db.OpenAsync();
            Assert.Equal(60, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @type AND status = 'valid'", new { type }));
            Assert.Equal(60, await c.ExecuteScalarAsync<int>("SELECT taken FROM ticket_types WHERE id = @type", new { type }));
            Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Accepted),
                await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM waiting_list WHERE ticket_type_id = @type", new { type }));
            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        }
    }

    [Fact]
    public async Task A_hundred_requests_for_one_offered_ticket_and_two_picks_at_once_give_exactly_one_new_holder()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1000);
        var crowd = await app.CrowdAsync("crowd", 100);
        var holder = await app.UserAsync();
        var used = new HashSet<string>();

        for (var round = 0; round < 10; round++)
        {
            var ticket = await holder.TicketAsync(ev.Slug, type);
            var offer = (await (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = $"round {round}" }))
                .Content.ReadFromJsonAsync<TransferResponse>())!;

            var requests = await Task.WhenAll(crowd.Select(u => u.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "please" })));
            Assert.All(requests, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var requestIds = await Task.WhenAll(requests.Select(async r => (await r.Content.ReadFromJsonAsync<TransferRequestResponse>())!.Id));
            var byRequest = requestIds.Zip(crowd).ToDictionary(p => p.First, p => p.Second);

            var picks = new[] { requestIds[round], requestIds[99 - round] };
            var chosen = await Task.WhenAll(picks.Select(id => holder.Api.PostAsync($"/api/my/transfers/{offer.Id}/requests/{id}/choose", null)));
            Assert.Equal(1, chosen.Count(r => r.StatusCode == HttpStatusCode.NoContent));
            Assert.Equal(1, chosen.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            var winner = byRequest[picks[Array.FindIndex(chosen, r => r.StatusCode == HttpStatusCode.NoContent)]];
            var loser = byRequest[picks[Array.FindIndex(chosen, r => r.StatusCode == HttpStatusCode.BadRequest)]];

            var token = await app.TransferTokenInAsync(winner.Email, used);
            used.Add(token);
            var accepts = await Task.WhenAll(
                winner.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Winner" }),
                winner.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Winner again" }),
                loser.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Loser" }));
            Assert.Equal(1, accepts.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(HttpStatusCode.NotFound, accepts[2].StatusCode);

            await using var c = await Db.OpenAsync();
            Assert.Equal(winner.Id, await c.ExecuteScalarAsync<long>("SELECT holder_user_id FROM tickets WHERE id = @Id", ticket));
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ticket_holder_changes WHERE ticket_id = @Id", ticket));
            Assert.Equal(99, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ticket_transfer_requests WHERE transfer_id = @Id AND status = 'gone'", offer));
        }
    }

    [Fact]
    public async Task A_hundred_requests_at_once_for_a_first_request_wins_offer_choose_exactly_one()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1000);
        var crowd = await app.CrowdAsync("crowd", 100);
        var holder = await app.UserAsync();
        var used = new HashSet<string>();

        for (var round = 0; round < 5; round++)
        {
            var ticket = await holder.TicketAsync(ev.Slug, type);
            var offer = (await (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "first come", autoFirst = true }))
                .Content.ReadFromJsonAsync<TransferResponse>())!;

            var requests = await Task.WhenAll(crowd.Select(u => u.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "me" })));

            Assert.Equal(1, requests.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(99, requests.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            var winner = crowd[Array.FindIndex(requests, r => r.StatusCode == HttpStatusCode.Created)];
            var token = await app.TransferTokenInAsync(winner.Email, used);
            used.Add(token);
            var accepted = await winner.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "First" });
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            await using var c = await Db.OpenAsync();
            Assert.Equal(winner.Id, await c.ExecuteScalarAsync<long>("SELECT holder_user_id FROM tickets WHERE id = @Id", ticket));
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ticket_transfer_requests WHERE transfer_id = @Id", offer));
        }
    }

    [Fact]
    public async Task Accepting_a_transfer_while_the_holder_cancels_it_has_one_consistent_outcome()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1000);
        var holder = await app.UserAsync();
        var recipient = await app.UserAsync();
        var outcomes = new List<string>();
        var used = new HashSet<string>();

        for (var round = 0; round < 20; round++)
        {
            var ticket = await holder.TicketAsync(ev.Slug, type);
            var transfer = (await (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers",
                new { recipientEmail = recipient.Email, recipientName = "R" })).Content.ReadFromJsonAsync<TransferResponse>())!;
            var token = await app.TransferTokenInAsync(recipient.Email, used);
            used.Add(token);

            var accept = recipient.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "R" });
            var cancel = holder.Api.PostAsync($"/api/my/transfers/{transfer.Id}/cancel", null);
            var (accepted, cancelled) = (await accept, await cancel);

            await using var c = await Db.OpenAsync();
            var state = await c.QuerySingleAsync<(long Holder, string Secret, string Status, int Changes)>("""
                SELECT t.holder_user_id, t.secret, x.status, (SELECT COUNT(*) FROM ticket_holder_changes h WHERE h.transfer_id = x.id)
                FROM tickets t JOIN ticket_transfers x ON x.ticket_id = t.id WHERE x.id = @Id
                """, transfer);
            if (accepted.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadRequest, cancelled.StatusCode);
                Assert.Equal(("completed", recipient.Id, 1), (state.Status, state.Holder, state.Changes));
                Assert.NotEqual(ticket.Secret, state.Secret);
                outcomes.Add("accepted");
            }
            else
            {
                Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
                Assert.Equal(("cancelled", holder.Id, 0), (state.Status, state.Holder, state.Changes));
                Assert.Equal(ticket.Secret, state.Secret);
                outcomes.Add("cancelled");
            }
        }
        Assert.Equal(20, outcomes.Count);
    }
}
