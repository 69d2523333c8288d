using System.Net;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Social;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Social;

/// <summary>Capacity under load: the seats are taken inside each reply's transaction, never by a read in one request and a write in another.</summary>
[Trait("Engine", "Both")] // on PostgreSQL the writers queue in memory per event (Db.WriteLockedAsync, WriteGates), not on pooled connections
public sealed class SocialConcurrencyTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task A_hundred_yeses_racing_for_forty_seats_seat_exactly_forty_and_a_no_promotes_the_first_in_line_and_mails_them()
    {
        var s = await SocialKit.CreateAsync(app, "soc-rush", capacity: 40, maxGuests: 0);
        var emails = Enumerable.Range(0, 100).Select(i => $"rush{i}@example.org").ToArray();
        await s.InviteAsync(emails);
        var tokens = new List<string>();
        foreach (var e in emails) tokens.Add(await s.TokenAsync(app, e));

        using var start = new SemaphoreSlim(0);
        var racers = tokens.Select(async t =>
        {
            var client = app.CreateClient();
            await start.WaitAsync();
            return await client.RsvpAsync(t, true);
        }).ToList();
        start.Release(tokens.Count);
        var responses = await Task.WhenAll(racers);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.ReadRsvpAsync()));
        Assert.Equal(40, answers.Count(a => a.State == SocialStates.Attending));
        Assert.Equal(60, answers.Count(a => a.State == SocialStates.Waiting));
        var list = await s.GuestsAsync();
        Assert.Equal((40, 40, 60, 0), (list.Totals.Yes, list.Totals.People, list.Totals.Waiting, list.Totals.Free));
        Assert.Equal(Enumerable.Range(1, 60), list.Guests.Where(g => g.State == SocialStates.Waiting).Select(g => g.WaitingPosition!.Value));

        // One seated guest cannot come: the first in line (by arrival) gets the seat and a mail saying so.
        var first = list.Guests.Single(g => g.WaitingPosition == 1);
        var leaving = list.Guests.First(g => g.State == SocialStates.Attending);
        await SocialKit.Ok(await app.CreateClient().RsvpAsync(await s.TokenAsync(app, leaving.Email), false));

        var after = await s.GuestsAsync();
        Assert.Equal((40, 59, 1), (after.Totals.Yes, after.Totals.Waiting, after.Totals.No));
        Assert.Equal(SocialStates.Attending, after.Guests.Single(g => g.Id == first.Id).State);
        Assert.Equal(Enumerable.Range(1, 59), after.Guests.Where(g => g.State == SocialStates.Waiting).Select(g => g.WaitingPosition!.Value));
        var mail = await app.Mail.WaitForAsync(first.Email, "A place is yours");
        Assert.Contains("/invitations/social/", mail.TextBody);
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notifications WHERE kind = 'social-promoted'"));
    }
}
