using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>The dashboard's counts are the database's, on the demo event, through the API and on the page alike.</summary>
[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class DashboardCountsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<int> CountAsync(string sql, object args)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<int>(sql, args);
    }

    [Fact]
    public async Task Dashboard_counts_on_the_demo_event_are_the_databases()
    {
        var data = await app.SeedDemoAsync();
        var e = data.Event!;
        var organiser = await app.CreateApiClientAsync(data.Organisers[0].Email!);

        var response = await organiser.GetAsync($"/api/events/{e.Slug}/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = (await response.Content.ReadFromJsonAsync<DashboardResponse>())!;
        var id = new { id = e.Id };
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM notifications WHERE event_id = @id AND state = 'held'", id), d.Mail.Held);
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM community_blocks WHERE event_id = @id AND status = 'requested'", id), d.Community.RequestsWaiting);
        Assert.Equal(await CountAsync("""
            SELECT COUNT(*) FROM proposals p WHERE p.event_id = @id AND p.state IN ('submitted', 'in_review')
            AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = p.id)
            """, id), d.Reviews.WithoutReview);
        Assert.Equal(await CountAsync("""
            SELECT COUNT(*) FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id
            WHERE d.event_id = @id AND p.released_state = 'accepted' AND d.released_round IS NOT NULL AND d.response IS NULL
            """, id), d.Reviews.AwaitingConfirmation);
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM proposals WHERE event_id = @id AND state = 'submitted'", id), d.Proposals["submitted"]);
        Assert.Equal((await app.Services.GetRequiredService<ReleaseStore>().PreviewAsync(e)).Count, d.Schedule.UnreleasedChanges);
        Assert.Equal((await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(e)).ErrorCount, d.Schedule.Errors);
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM bof_slots s WHERE s.event_id = @id AND NOT EXISTS (SELECT 1 FROM bofs b WHERE b.slot_id = s.id AND b.is_cancelled = FALSE)", id), d.Bofs.FreeSlots);
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM ticket_transfers WHERE event_id = @id AND kind = 'community' AND status = 'open'", id), d.TransfersOffered);
        foreach (var t in d.Tickets)
        {
            Assert.Equal(await CountAsync("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = @t AND status = 'valid'", new { t = t.Id }), t.Sold);
            Assert.Equal(await CountAsync("SELECT quota FROM ticket_types WHERE id = @t", new { t = t.Id }), t.Quota);
        }

        // The demo is there to show the dashboard: it implies work in each of these.
        Assert.True(d.Mail.Held > 0 && d.Community.RequestsWaiting > 0 && d.Reviews.AwaitingConfirmation > 0 && d.Tickets.Count > 0
                    && d.Schedule.UnreleasedChanges > 0 && d.Cfp.State == "open" && d.Bofs.FreeSlots > 0,
            $"held {d.Mail.Held}, requests {d.Community.RequestsWaiting}, awaiting {d.Reviews.AwaitingConfirmation}, ticket types {d.Tickets.Count}, " +
            $"unreleased {d.Schedule.UnreleasedChanges}, cfp {d.Cfp.State}, free BoF slots {d.Bofs.FreeSlots}");
        // Every to-do is a count above zero with a link into this event's organiser pages.
        Assert.NotEmpty(d.ToDo);
        Assert.All(d.ToDo, t => { Assert.True(t.Count > 0); Assert.StartsWith($"/events/{e.Slug}/", t.Href); });
        Assert.Contains(d.ToDo, t => t.Key == "heldMail" && t.Count == d.Mail.Held && t.Href == $"/events/{e.Slug}/notifications/held");

        // The page shows the same to-do list, each a link.
        var page = await (await (await app.SignInDemoAsync(data, data.Organisers[0].Email!)).GetAsync($"/events/{e.Slug}/dashboard")).HtmlAsync();
        var items = page.QuerySelectorAll("[data-todo]").Select(li => (li.GetAttribute("data-todo"), int.Parse(li.GetAttribute("data-count")!), li.QuerySelector("a")!.GetAttribute("href"))).ToList();
        Assert.Equal(d.ToDo.Select(t => ((string?)t.Key, t.Count, (string?)t.Href)), items);
    }

    [Fact]
    public async Task The_organisers_nav_and_the_event_page_lead_to_the_dashboard()
    {
        var email = await app.UserAsync("dash.nav@example.org");
        await app.CreateEventAsync("dash-nav", email);
        var organiser = await app.SignInAsync(email);

        var manage = await (await organiser.GetAsync("/events/dash-nav/manage/rooms")).HtmlAsync();
        Assert.NotNull(manage.QuerySelector("nav.manage-nav a[href='/events/dash-nav/manage']"));
        // /manage opens on the dashboard; its first address still answers, for links already sent.
        var dashboard = await organiser.GetAsync("/events/dash-nav/manage");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/events/dash-nav/dashboard")).StatusCode);
        var details = await (await organiser.GetAsync("/events/dash-nav/manage/details")).HtmlAsync();
        Assert.NotNull(details.QuerySelector("form button[type=submit]"));
        // A new event has nothing to do yet, and says so.
        Assert.Contains("Nothing waits for you", (await dashboard.HtmlAsync()).QuerySelector("section.dashboard-todo")!.TextContent);
    }
}
