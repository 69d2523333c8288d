using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Dashboard;

/// <summary>Issue 14: the organiser's dashboard shows what the demo implies, and acting on a to-do takes it off.</summary>
public sealed class DashboardJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task An_organiser_opens_the_dashboard_follows_a_to_do_acts_and_the_count_drops()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());

        // The public page's Manage button is the way in.
        await page.GotoCheckedAsync($"/events/{Slug}");
        await page.ClickAndCheckAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Manage" }));
        Assert.EndsWith($"/events/{Slug}/manage", page.Url);
        await page.AssertNoSidewaysScrollAsync();

        // The counts are the database's, and the demo implies work in each.
        var eventId = $"(SELECT id FROM events WHERE slug = '{Slug}')";
        var held = await app.CountAsync($"SELECT COUNT(*) FROM notifications WHERE event_id = {eventId} AND state = 'held'");
        var requests = await app.CountAsync($"SELECT COUNT(*) FROM community_blocks WHERE event_id = {eventId} AND status = 'requested'");
        var unconfirmed = await app.CountAsync($"""
            SELECT COUNT(*) FROM review_decisions d JOIN proposals p ON p.id = d.proposal_id
            WHERE d.event_id = {eventId} AND p.released_state = 'accepted' AND d.released_round IS NOT NULL AND d.response IS NULL
            """);
        Assert.True(held > 0 && requests > 0 && unconfirmed > 0, $"held {held}, requests {requests}, unconfirmed {unconfirmed}");
        await Assertions.Expect(page.Locator("[data-todo='heldMail']")).ToHaveAttributeAsync("data-count", held.ToString());
        await Assertions.Expect(page.Locator("[data-todo='roomRequests']")).ToHaveAttributeAsync("data-count", requests.ToString());
        await Assertions.Expect(page.Locator("[data-todo='notConfirmed']")).ToHaveAttributeAsync("data-count", unconfirmed.ToString());
        await Assertions.Expect(page.Locator("[data-todo='heldMail'] a")).ToHaveTextAsync($"{held} email{(held == 1 ? "" : "s")} held for review");

        // Follow the to-do, act on it there, and come back: the count is gone, in the page and in the database.
        await page.ClickAndCheckAsync(page.Locator("[data-todo='heldMail'] a"));
        Assert.EndsWith($"/events/{Slug}/notifications/held", page.Url);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Release all {held}" }));
        await page.GotoCheckedAsync($"/events/{Slug}/dashboard");
        await Assertions.Expect(page.Locator("[data-todo='heldMail']")).ToHaveCountAsync(0);
        Assert.Equal(0, await app.CountAsync($"SELECT COUNT(*) FROM notifications WHERE event_id = {eventId} AND state = 'held'"));
        await Assertions.Expect(page.Locator("[data-todo='roomRequests']")).ToHaveAttributeAsync("data-count", requests.ToString());
        await page.AssertNoSidewaysScrollAsync();
    }
}
