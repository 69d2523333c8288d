using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Lightning;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>The "Done when" rules for the queue, through the API with the fake clock.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningQueueTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Slot_count_comes_from_the_sessions_length_the_slot_length_and_the_changeover()
    {
        var l = await LightningKit.CreateAsync(app, "lt-slots", minutes: 60);
        Assert.Equal(10, (await l.LineupAsync()).Session.SlotCount); // 5-minute talks, 1-minute changeover

        var people = new List<Person>();
        for (var i = 0; i < 11; i++) people.Add(await app.PersonAsync($"slots-{i}@example.org"));
        var statuses = new List<HttpStatusCode>();
        foreach (var p in people) statuses.Add((await p.SignUpAsync(l)).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 10).Append(HttpStatusCode.Accepted), statuses);

        // No changeover: 12 slots; the waiting person is offered one of the two new slots at once.
        var changed = await l.ConfigureAsync(new { slotMinutes = 5, changeoverMinutes = 0 });
        Assert.Equal(12, changed.Session.SlotCount);
        Assert.Equal(TalkStatuses.Offered, (await people[10].MineAsync(l))!.Status);

        // Fewer slots than talks holding one is refused, with the reason.
        var refused = await l.Organiser.PutAsJsonAsync($"{l.Api}/settings", new { slotMinutes = 10, changeoverMinutes = 0 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("11 talks hold slots", await refused.Content.ReadAsStringAsync());

        // A slot length that fits nothing is a field error.
        var bad = await l.Organiser.PutAsJsonAsync($"{l.Api}/settings", new { slotMinutes = 61 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task One_talk_per_person_per_session_but_a_second_session_is_fine()
    {
        var l = await LightningKit.CreateAsync(app, "lt-once");
        var p = await app.PersonAsync("once@example.org");
        await p.SignedUpAsync(l, "First idea");
        var again = await p.SignUpAsync(l, "Second idea");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("one talk per person", await again.Content.ReadAsStringAsync());
        Assert.Single((await l.LineupAsync()).RunningOrder);

        var other = await l.AnotherSessionAsync("Lightning talks, day 1 bis", "18:30", new { slotMinutes = 5 });
        Assert.Equal(HttpStatusCode.Created, (await p.SignUpAsync(l, "Second idea", other)).StatusCode);

        // Withdrawn, they may sign up again, at the end of the queue.
        await p.Api.DeleteAsync($"{l.Api}/talks/mine");
        Assert.Equal(HttpStatusCode.Created, (await p.SignUpAsync(l, "Third idea")).StatusCode);
    }

    [Fact]
    public async Task First_time_speakers_are_served_first_from_the_waitlist_when_the_session_asks_for_it()
    {
        var l = await LightningKit.CreateAsync(app, "lt-first", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0, firstTimerPriority = true });
        var holder = await app.PersonAsync("first-holder@example.org");
        await holder.SignedUpAsync(l);
        // A speaker of a programme session is not a first-timer.
        var veteran = await app.PersonAsync("first-veteran@example.org");
        await l.Schedule.PlaceAsync(await l.Schedule.SessionAsync("Veteran's talk", speakers: ["first-veteran@example.org"]), l.Schedule.Small, "10:00");
        var newcomer = await app.PersonAsync("first-newcomer@example.org");
        Assert.Equal(1, (await veteran.SignedUpAsync(l)).Position);
        var n = await newcomer.SignedUpAsync(l);
        Assert.Equal((true, 1), (n.FirstTimer, n.Position));
        Assert.Equal(2, (await veteran.MineAsync(l))!.Position);

        await holder.Api.DeleteAsync($"{l.Api}/talks/mine");
        Assert.Equal(TalkStatuses.Offered, (await newcomer.MineAsync(l))!.Status);
        Assert.Equal(TalkStatuses.Waitlisted, (await veteran.MineAsync(l))!.Status);
    }
}

/// <summary>Moves the clock forward (it cannot go back), so it has an app of its own.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningHeldBackTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Held_back_slots_open_on_the_day_in_the_events_time_zone_for_sign_ups_made_that_day()
    {
        // 15 minutes of 5-minute talks without changeover: 3 slots, 1 held back for the day.
        var l = await LightningKit.CreateAsync(app, "lt-held", minutes: 15, settings: new { slotMinutes = 5, changeoverMinutes = 0, heldBack = 1 });
        var early = new List<Person>();
        for (var i = 0; i < 3; i++) early.Add(await app.PersonAsync($"held-early-{i}@example.org"));
        Assert.Equal(HttpStatusCode.Created, (await early[0].SignUpAsync(l)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await early[1].SignUpAsync(l)).StatusCode);
        var waiting = await early[2].SignedUpAsync(l);
        Assert.Equal((TalkStatuses.Waitlisted, 1), (waiting.Status, waiting.Position));

        // 23:59 the evening before in Brussels (22:59 UTC): still not the day.
        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-05T22:59:00Z"));
        var eve = await app.PersonAsync("held-eve@example.org");
        Assert.Equal(HttpStatusCode.Accepted, (await eve.SignUpAsync(l)).StatusCode);

        // Midnight in Brussels (23:00 UTC): the held slot opens, for someone signing up on the day, not for the queue.
        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-05T23:00:00Z"));
        Assert.Equal(TalkStatuses.Waitlisted, (await early[2].MineAsync(l))!.Status);
        var onTheDay = await app.PersonAsync("held-day@example.org");
        var taken = await onTheDay.SignedUpAsync(l);
        Assert.Equal((TalkStatuses.Confirmed, 3, true), (taken.Status, taken.Position, taken.OnTheDay));
        var late = await app.PersonAsync("held-late@example.org");
        Assert.Equal(HttpStatusCode.Accepted, (await late.SignUpAsync(l)).StatusCode);

        // The held slot freed on the day goes to the first person waiting who signed up on the day.
        Assert.Equal(HttpStatusCode.NoContent, (await onTheDay.Api.DeleteAsync($"{l.Api}/talks/mine")).StatusCode);
        Assert.Equal(TalkStatuses.Offered, (await late.MineAsync(l))!.Status);
        Assert.Equal(TalkStatuses.Waitlisted, (await early[2].MineAsync(l))!.Status);
    }
}

/// <summary>Moves the clock forward (it cannot go back), so it has an app of its own.</summary>
[RunsLong(seconds: 15)]
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningPromotionTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task A_withdrawal_promotes_the_first_waiting_who_must_confirm_in_time_or_the_next_is_promoted()
    {
        var start = app.Clock.GetUtcNow();
        // 5 minutes of talk: one slot; 30 minutes to confirm a promotion.
        var l = await LightningKit.CreateAsync(app, "lt-chain", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0, confirmMinutes = 30 });
        var a = await app.PersonAsync("chain-a@example.org", "Ana");
        var b = await app.PersonAsync("chain-b@example.org", "Ben");
        var c = await app.PersonAsync("chain-c@example.org", "Chen");
        var d = await app.PersonAsync("chain-d@example.org", "Dara");
        Assert.Equal(TalkStatuses.Confirmed, (await a.SignedUpAsync(l)).Status);
        foreach (var (p, position) in new[] { (b, 1), (c, 2), (d, 3) })
        {
            var t = await p.SignedUpAsync(l);
            Assert.Equal((TalkStatuses.Waitlisted, position), (t.Status, t.Position));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await a.Api.DeleteAsync($"{l.Api}/talks/mine")).StatusCode);
        var offer = (await b.MineAsync(l))!;
        Assert.Equal(TalkStatuses.Offered, offer.Status);
        Assert.Equal(start.AddMinutes(30), offer.OfferExpiresAt);
        var mail = await app.Mail.WaitForAsync("chain-b@example.org", "lightning talk slot");
        Assert.Contains($"/events/{l.Slug}/lightning/{l.SessionId}", mail.TextBody);

        // Ben lets the time pass: the recurring job (reads never write) lapses his offer, offers Chen the slot and tells Ben.
        app.Clock.SetUtcNow(start.AddMinutes(30));
        Assert.Equal(1, await app.RunLightningExpiryAsync());
        Assert.Equal(TalkStatuses.Lapsed, (await b.MineAsync(l))!.Status);
        Assert.Equal(TalkStatuses.Offered, (await c.MineAsync(l))!.Status);
        await app.Mail.WaitForAsync("chain-b@example.org", "went to the next person");
        await app.Mail.WaitForAsync("chain-c@example.org", "lightning talk slot");
        var late = await b.Api.PostAsync($"{l.Api}/talks/mine/confirm", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // Chen confirms in time; Dara moves up to first on the waitlist.
        app.Clock.SetUtcNow(start.AddMinutes(50));
        var confirmed = await c.Api.PostAsync($"{l.Api}/talks/mine/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal((TalkStatuses.Confirmed, 1), ((await c.MineAsync(l))!.Status, (await c.MineAsync(l))!.Position));
        app.Clock.SetUtcNow(start.AddHours(5));
        Assert.Equal((TalkStatuses.Waitlisted, 1), ((await d.MineAsync(l))!.Status, (await d.MineAsync(l))!.Position));
    }
}

/// <summary>Moves the clock forward (it cannot go back), so it has an app of its own.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningExpiryJobTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task The_recurring_job_lapses_offers_nobody_looked_at()
    {
        var start = app.Clock.GetUtcNow();
        var l = await LightningKit.CreateAsync(app, "lt-job", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0, confirmMinutes = 10 });
        var a = await app.PersonAsync("job-a@example.org");
        var b = await app.PersonAsync("job-b@example.org");
        var c = await app.PersonAsync("job-c@example.org");
        await a.SignedUpAsync(l);
        await b.SignedUpAsync(l);
        await c.SignedUpAsync(l);
        await a.Api.DeleteAsync($"{l.Api}/talks/mine");
        app.Clock.SetUtcNow(start.AddMinutes(11));

        Assert.Equal(1, await app.RunLightningExpiryAsync());
        Assert.Equal(0, await app.RunLightningExpiryAsync()); // idempotent
        await app.Mail.WaitForAsync("job-c@example.org", "lightning talk slot");
    }
}

/// <summary>Moves the clock forward (it cannot go back), so it has an app of its own.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LightningWindowTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Sign_up_needs_an_account_a_title_and_an_open_window()
    {
        var l = await LightningKit.CreateAsync(app, "lt-window", settings: new { opensAt = "2026-12-01T09:00", closesAt = "2027-02-06T16:30" });
        var p = await app.PersonAsync("window@example.org");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"{l.Api}/talks", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Api.PostAsJsonAsync($"{l.Api}/talks", new { title = "", description = "a\nb", slidesUrl = "javascript:alert(1)" })).StatusCode);
        var early = await p.SignUpAsync(l);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Sign-up opens Tue 1 Dec 2026, 09:00", await early.Content.ReadAsStringAsync());

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-01T08:00:00Z")); // 09:00 in Brussels
        Assert.Equal(HttpStatusCode.Created, (await p.SignUpAsync(l)).StatusCode);
        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T15:30:00Z")); // 16:30 in Brussels
        var closed = await (await app.PersonAsync("window-late@example.org")).SignUpAsync(l);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("closed", await closed.Content.ReadAsStringAsync());
    }
}
