using System.Net;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>
/// "My tickets" at the door: the ticket for the event still to come is at the top, tickets of events that are over
/// follow, and every ticket the page offers opens (the demo's past meetup once seeded tickets no link could open).
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MyTicketsOrderTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Upcoming_tickets_come_first_and_every_offered_ticket_opens()
    {
        app.CreateClient();
        var data = await DemoSeeder.SeedAsync(app.Services);
        var farah = app.CreateBrowser();
        await farah.PostFormAsync("/account/login", new() { ["Input.Email"] = "farah@demo.example.org", ["Input.Password"] = data.Password });

        var page = await (await farah.GetAsync("/my/tickets")).HtmlAsync();
        var rows = page.QuerySelectorAll("main tr, main article").Where(r => r.QuerySelector("a[href^='/tickets/']") is not null).ToList();
        Assert.True(rows.Count >= 2, $"{rows.Count} tickets offered");
        Assert.Contains("FOSS.my 2026", rows[0].TextContent); // the event six weeks ahead, before last week's meetup

        foreach (var href in rows.Select(r => r.QuerySelector("a[href^='/tickets/']")!.GetAttribute("href")!))
        {
            Assert.Equal(HttpStatusCode.OK, (await farah.GetAsync(href)).StatusCode);
        }
    }
}
