using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Dashboard;

/// <summary>Issue 14: removing a room with scheduled sessions asks first, with the counts; the public schedule waits for the release.</summary>
public sealed class RoomRemovalJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task Removing_a_room_shows_the_counts_first_and_the_public_schedule_is_unchanged_until_the_release()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());

        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        var publicBefore = await visitor.Locator("main").InnerTextAsync();
        Assert.Contains("Main Hall", publicBefore);

        // A room holding live bookings (community blocks, BoFs) is refused outright, with the reason.
        await page.GotoCheckedAsync($"/events/{Slug}/manage/rooms");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Remove Room Ubuntu" }));
        await Assertions.Expect(page.Locator("[data-blocked]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section.confirm-step form")).ToHaveCountAsync(0);

        // The main hall: the confirmation counts its sessions; nothing has changed yet.
        var hall = $"(SELECT id FROM rooms WHERE name = 'Main Hall' AND event_id = (SELECT id FROM events WHERE slug = '{Slug}'))";
        var sessions = await app.CountAsync($"SELECT COUNT(*) FROM schedule_sessions WHERE room_id = {hall} AND is_cancelled = 0 AND source = 'programme'");
        Assert.True(sessions > 0);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Remove Main Hall" }));
        await Assertions.Expect(page.Locator("[data-impact='programme']")).ToHaveAttributeAsync("data-count", sessions.ToString());
        await Assertions.Expect(page.Locator("[data-impact='programme']")).ToContainTextAsync("The public schedule does not change until your next release");
        await page.AssertNoSidewaysScrollAsync();
        Assert.Equal(1, await app.CountAsync($"SELECT COUNT(*) FROM rooms WHERE id = {hall}"));

        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Remove Main Hall" }));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Room Main Hall removed");
        Assert.Equal(0, await app.CountAsync($"SELECT COUNT(*) FROM rooms WHERE name = 'Main Hall'"));

        // The public schedule is a release: unchanged until the organisers release again.
        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        Assert.Equal(publicBefore, await visitor.Locator("main").InnerTextAsync());

        await page.GotoCheckedAsync($"/events/{Slug}/schedule/manage/release");
        await page.GetByLabel("Tell nobody").CheckAsync();
        if (await page.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }).CountAsync() > 0)
        {
            await page.GetByLabel("Reason").FillAsync("The main hall is closed for repairs.");
            await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }));
        }
        else await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Release schedule" }));

        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        Assert.DoesNotContain("Main Hall", await visitor.Locator("main").InnerTextAsync());
    }
}
