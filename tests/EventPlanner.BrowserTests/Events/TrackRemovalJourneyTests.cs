using EventPlanner.BrowserTests.Dashboard;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Events;

/// <summary>
/// Issue 14: removing a track asks first, without script, with the counts of the sessions and proposals that lose it;
/// the public schedule (its sessions and its track filter) is unchanged until the next release.
/// </summary>
public sealed class TrackRemovalJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task Removing_a_track_shows_what_loses_it_first_and_the_public_schedule_is_unchanged_until_the_release()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());

        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        var publicBefore = await visitor.Locator("main").InnerTextAsync();
        Assert.Contains("Securing your CI pipeline", publicBefore);
        await Assertions.Expect(visitor.Locator("#track option", new() { HasText = "Security" })).ToHaveCountAsync(1);

        var track = $"(SELECT id FROM tracks WHERE name = 'Security' AND event_id = (SELECT id FROM events WHERE slug = '{Slug}'))";
        var sessions = await app.CountAsync($"SELECT COUNT(*) FROM schedule_sessions WHERE track_id = {track} AND is_cancelled = 0");
        var proposals = await app.CountAsync($"SELECT COUNT(*) FROM proposal_tracks WHERE track_id = {track}");
        Assert.True(sessions > 0);

        // The Remove button (a plain form) opens the confirmation: counts from the database, nothing changed yet.
        await page.GotoCheckedAsync($"/events/{Slug}/manage/tracks");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Remove Security", Exact = true }));
        var confirmation = page.Locator("section.confirm-step");
        await Assertions.Expect(confirmation.Locator("[data-impact='sessions']")).ToHaveAttributeAsync("data-count", sessions.ToString());
        await Assertions.Expect(confirmation.Locator("[data-impact='proposals']")).ToHaveAttributeAsync("data-count", proposals.ToString());
        await Assertions.Expect(confirmation.Locator("[data-schedule]")).ToContainTextAsync("The public schedule does not change until your next release");
        await page.AssertNoSidewaysScrollAsync();
        Assert.Equal(1, await app.CountAsync($"SELECT COUNT(*) FROM tracks WHERE id = {track}"));

        await page.ClickAndCheckAsync(confirmation.GetByRole(AriaRole.Button, new() { Name = "Remove Security" }));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Track Security removed");
        Assert.Equal(0, await app.CountAsync($"SELECT COUNT(*) FROM tracks WHERE name = 'Security' AND event_id = (SELECT id FROM events WHERE slug = '{Slug}')"));

        // The public schedule is a release: unchanged until the organisers release again.
        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        Assert.Equal(publicBefore, await visitor.Locator("main").InnerTextAsync());

        await page.GotoCheckedAsync($"/events/{Slug}/schedule/manage/release");
        await page.GetByLabel("Tell nobody").CheckAsync();
        if (await page.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }).CountAsync() > 0)
        {
            await page.GetByLabel("Reason").FillAsync("The security track merges into the others.");
            await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }));
        }
        else await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Release schedule" }));

        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        await Assertions.Expect(visitor.Locator("#track option", new() { HasText = "Security" })).ToHaveCountAsync(0);
        Assert.Contains("Securing your CI pipeline", await visitor.Locator("main").InnerTextAsync());
    }
}
