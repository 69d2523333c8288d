using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Lightning;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>
/// Reads never write (issue 15): a GET after an offer's time changes no row and queues no mail; the recurring job is what
/// lapses the offer and passes the slot on. Moves the clock forward, so it has an app of its own, and runs no job server,
/// so nothing but the test itself runs the sweep.
/// </summary>
[Trait("Engine", "Both")]
public sealed class LightningReadsNeverWriteTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_read_after_an_offers_time_writes_nothing_and_the_job_then_lapses_it_and_offers_the_next()
    {
        var start = app.Clock.GetUtcNow();
        var l = await LightningKit.CreateAsync(app, "lt-pure", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0, confirmMinutes = 10 });
        var a = await app.PersonAsync("pure-a@example.org");
        var b = await app.PersonAsync("pure-b@example.org");
        var c = await app.PersonAsync("pure-c@example.org");
        await a.SignedUpAsync(l);
        var ben = await b.SignedUpAsync(l);
        var chen = await c.SignedUpAsync(l);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Api.DeleteAsync($"{l.Api}/talks/mine")).StatusCode);
        Assert.Equal(TalkStatuses.Offered, (await b.MineAsync(l))!.Status);
        var before = await StoredAsync(l);

        app.Clock.SetUtcNow(start.AddMinutes(11)); // Ben's 10 minutes are up
        // Every kind of read: the API (one session, the list, the organisers' line-up, the run sheet) and the pages.
        Assert.Equal(TalkStatuses.Lapsed, (await b.MineAsync(l))!.Status); // shown as lapsed, not stored so
        Assert.Equal(TalkStatuses.Waitlisted, (await c.MineAsync(l))!.Status);
        var lineup = await l.LineupAsync();
        Assert.DoesNotContain(lineup.RunningOrder, t => t.Id == ben.Id); // the lapsed offer holds no slot on the organisers' view either
        Assert.Contains(lineup.Waitlist, t => t.Id == chen.Id);
        (await b.Api.GetAsync($"/api/events/{l.Slug}/lightning")).EnsureSuccessStatusCode();
        (await l.Organiser.GetAsync($"{l.Api}/run-sheet")).EnsureSuccessStatusCode();
        (await l.Organiser.GetAsync($"{l.Api}/run-sheet/version")).EnsureSuccessStatusCode();
        var browser = app.CreateBrowser();
        (await browser.GetAsync($"/events/{l.Slug}/lightning")).EnsureSuccessStatusCode();
        (await browser.GetAsync($"/events/{l.Slug}/lightning/{l.SessionId}")).EnsureSuccessStatusCode();
        var read = await StoredAsync(l); // no row, no version, no outbox entry changed
        Assert.Equal(before.Talks, read.Talks);
        Assert.Equal(before.Version, read.Version);
        Assert.Equal(before.Mail, read.Mail);

        Assert.Equal(1, await app.RunLightningExpiryAsync());
        var after = await StoredAsync(l);
        Assert.Equal(TalkStatuses.Lapsed, after.Talks.Single(t => t.Id == ben.Id).Status);
        Assert.Equal(TalkStatuses.Offered, after.Talks.Single(t => t.Id == chen.Id).Status);
        Assert.True(after.Version > before.Version);
        Assert.Equal([$"lightning-lapsed:{ben.Id}", $"lightning-offer:{chen.Id}"],
            after.Mail.Except(before.Mail).Order(StringComparer.Ordinal));
    }

    private sealed record Stored(IReadOnlyList<TalkRow> Talks, int Version, IReadOnlyList<string> Mail);

    // What a read must not change: the session's talks, its line-up version and the lightning mail in the outbox.
    private async Task<Stored> StoredAsync(LightningEvent l)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var talks = (await c.QueryAsync<TalkRow>("""
            SELECT id, session_id, event_id, user_id, title, status, pool, seq, position, offer_expires_at FROM lightning_talks
            WHERE session_id = @SessionId ORDER BY id
            """, new { l.SessionId })).AsList();
        var version = await c.ExecuteScalarAsync<int>("SELECT lineup_version FROM lightning_sessions WHERE session_id = @SessionId", new { l.SessionId });
        var mail = (await c.QueryAsync<string>("SELECT dedupe_key FROM notifications WHERE dedupe_key LIKE 'lightning-%' ORDER BY dedupe_key")).AsList();
        return new Stored(talks, version, mail);
    }
}
