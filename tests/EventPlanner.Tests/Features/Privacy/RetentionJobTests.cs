using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Privacy;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Privacy;

/// <summary>One event taken past its retention period: the clock moves, so the class holds one test.</summary>
[Trait("Engine", "Both")]
public sealed class RetentionJobTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task An_expired_event_is_anonymised_after_a_warning_and_its_counts_stay_the_same()
    {
        var e = await ScheduleKit.CreateAsync(app, "ret-expired"); // 2027-02-06 to 2027-02-07
        var type = await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/ticket-types", new { name = "Regular", quota = 50, price = 0, currency = "EUR" });
        var typeId = (await type.Content.ReadFromJsonAsync<TicketTypeResponse>())!.Id;
        var session = await e.SessionAsync("Keynote");
        await e.PlaceAsync(session, e.Janson, "10:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var people = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var u = await app.UserAsync("ret");
            people.Add(u);
            var ticket = await u.TicketAsync(e.Slug, typeId);
            (await u.Api.PutAsync($"/api/events/{e.Slug}/agenda/{session.Id}", null)).EnsureSuccessStatusCode();
            if (i < 2) (await e.Organiser.CheckInAsync(e.Slug, ticket.Secret)).EnsureSuccessStatusCode();
        }
        var put = await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}/privacy/retention", new { retentionDays = 10 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var before = await FiguresAsync(e);
        var job = app.Services.GetRequiredService<RetentionJob>();

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 10, 4, 0, 0, TimeSpan.Zero)); // expires 2027-02-18: not yet a week away
        Assert.Equal(new RetentionRun(0, 0), await job.RunAsync(CancellationToken.None));
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 11, 4, 0, 0, TimeSpan.Zero));
        var warned = await job.RunAsync(CancellationToken.None);
        var warning = await WarningSubjectAsync(e);
        var again = await job.RunAsync(CancellationToken.None);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 17, 4, 0, 0, TimeSpan.Zero));
        var early = await job.RunAsync(CancellationToken.None);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 18, 4, 0, 0, TimeSpan.Zero));
        var anonymised = await job.RunAsync(CancellationToken.None);
        var rerun = await job.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (warned.Warned, warned.Anonymised));
        Assert.Equal((0, 0, 0, 0), (again.Warned, again.Anonymised, early.Warned, early.Anonymised));
        Assert.Equal((0, 1), (anonymised.Warned, anonymised.Anonymised));
        Assert.Equal(new RetentionRun(0, 0), rerun);
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Contains("will be anonymised on 2027-02-18", warning);
        Assert.Equal(before, await FiguresAsync(e));
        // The accounts themselves stay (they were not deleted); nothing of the event's may still lead to them.
        var traces = (await SchemaScan.FindAsync(app.Services.GetRequiredService<Db>(), [.. people.Select(p => p.Email)]))
            .Where(t => !t.StartsWith("users.", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, string.Join("; ", traces));
        var ids = people.Select(p => p.Id).ToArray();
        var d = SqlDialect.Of(c);
        var linked = await c.QuerySingleAsync<long>($"""
            SELECT (SELECT COUNT(*) FROM tickets WHERE {d.InList("holder_user_id", "@ids")}) + (SELECT COUNT(*) FROM ticket_orders WHERE {d.InList("buyer_user_id", "@ids")})
                 + (SELECT COUNT(*) FROM schedule_stars WHERE {d.InList("user_id", "@ids")})
                 + (SELECT COUNT(*) FROM notifications WHERE {d.InList("user_id", "@ids")} AND event_id IS NOT NULL)
            """, new { ids });
        Assert.Equal(0, linked);
        var retention = await e.Organiser.GetFromJsonAsync<RetentionResponse>($"/api/events/{e.Slug}/privacy/retention");
        Assert.Equal(new DateOnly(2027, 2, 18), retention!.AnonymisedOn);
    }

    private async Task<string> WarningSubjectAsync(ScheduleEvent e)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.QuerySingleAsync<string>(
            "SELECT subject FROM notifications WHERE kind = 'privacy-retention-warning' AND event_id = (SELECT id FROM events WHERE slug = @Slug)", e);
    }

    /// <summary>What organisers count: the dashboard's tickets per type and schedule, check-in totals, stars per session.</summary>
    private async Task<string> FiguresAsync(ScheduleEvent e)
    {
        var dashboard = await e.Organiser.GetFromJsonAsync<JsonElement>($"/api/events/{e.Slug}/dashboard");
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var checkIns = await c.QuerySingleAsync<(long, long)>("""
            SELECT (SELECT COUNT(*) FROM ticket_checkins k JOIN events v ON v.id = k.event_id WHERE v.slug = @Slug AND k.undone_at IS NULL),
                   (SELECT COUNT(*) FROM tickets t JOIN events v ON v.id = t.event_id WHERE v.slug = @Slug AND t.checked_in_at IS NOT NULL)
            """, e);
        var sessions = await e.Organiser.GetFromJsonAsync<JsonElement>($"{e.Api}/sessions");
        return string.Join(" | ", dashboard.GetProperty("tickets").GetRawText(), dashboard.GetProperty("schedule").GetRawText(),
            dashboard.GetProperty("proposals").GetRawText(), checkIns.ToString(), sessions.GetRawText());
    }
}
