using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Bofs;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>
/// First come, first served under load: fifty proposers whose BoFs all reached the threshold ask for the same slot at the
/// same moment, round after round. People are inserted directly (with API tokens): hashing passwords would dominate the run.
/// </summary>
[RunsLong(seconds: 20)]
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofConcurrencyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Fifty_proposers_asking_for_the_same_slot_at_once_give_exactly_one_booking_in_every_round()
    {
        var e = await BofKit.CreateAsync(app, "bof-rush", threshold: 1);
        var proposers = await app.CrowdAsync("bofcrowd", 50);
        var fan = await app.UserAsync("fan");

        for (var round = 0; round < 10; round++)
        {
            var start = new TimeOnly(9, 0).AddMinutes(30 * round);
            var slot = await BofKit.SlotAsync(e.Organiser, e.Api, e.S.Medium, ScheduleKit.Day1, $"{start:HH:mm}", $"{start.AddMinutes(30):HH:mm}");
            var bofs = new List<BofResponse>();
            foreach (var p in proposers)
            {
                var bof = await e.ProposeAsync(p, $"Round {round} BoF of {p.Email}");
                await BofKit.Ok(await e.InterestAsync(fan, bof.Id));
                bofs.Add(bof);
            }

            var responses = await Task.WhenAll(proposers.Select((p, i) => e.BookAsync(p.Api, bofs[i].Id, slot)));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var loser = responses.First(r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("booked that slot first", await loser.Content.ReadAsStringAsync());
            var winner = bofs[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
            await using var c = await Db.OpenAsync();
            Assert.Equal(winner.Id, await c.ExecuteScalarAsync<long>("SELECT id FROM bofs WHERE slot_id = @slot", new { slot }));
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("""
                SELECT COUNT(*) FROM schedule_sessions s JOIN bof_slots b ON b.id = @slot
                WHERE s.room_id = b.room_id AND s.starts_at = b.starts_at AND s.source = 'bof' AND s.is_cancelled = FALSE
                """, new { slot }));
            Assert.Equal(round + 1, await c.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM schedule_sessions WHERE event_id = (SELECT event_id FROM bof_slots WHERE id = @slot) AND source = 'bof'", new { slot }));
        }
        var conflicts = await e.Organiser.GetFromJsonAsync<System.Text.Json.JsonElement>($"{e.S.Api}/conflicts");
        Assert.Equal(0, conflicts.GetProperty("errors").GetInt32());
    }
}
