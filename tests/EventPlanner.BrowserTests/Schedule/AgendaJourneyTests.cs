using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Schedule;

public sealed class AgendaJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Talk = "Kubernetes on a shoestring";

    [BrowserFact]
    public async Task An_attendee_stars_a_session_on_the_public_schedule_finds_it_in_their_agenda_and_can_unstar_it_there()
    {
        await using var app = await AppProcess.StartAsync(args: "--demo");
        await using var browser = await BrowserSession.StartAsync();

        // Jason (a demo attendee) reads the released schedule and stars a talk he has not starred yet.
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("jason@demo.example.org", app.DemoPassword());
        await page.GotoCheckedAsync($"/events/{Slug}/schedule");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Unstar {Talk}" })).ToHaveCountAsync(0);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Star {Talk}", Exact = true }));

        // Back on the same schedule page, the button now offers to unstar it.
        Assert.Contains($"/events/{Slug}/schedule", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Unstar {Talk}", Exact = true })).ToBeVisibleAsync();

        // His agenda lists it, with its time and room, beside what he had starred before.
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "My agenda" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My agenda");
        var item = page.Locator("li[data-session-id]").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Talk, Exact = true }) });
        await Assertions.Expect(item).ToContainTextAsync("10:30");
        await Assertions.Expect(item).ToContainTextAsync("Main Hall");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Docs people actually read" })).ToBeVisibleAsync();

        // Unstarring it there takes it off the agenda and leaves the rest.
        await page.ClickAndCheckAsync(item.GetByRole(AriaRole.Button, new() { Name = $"Unstar {Talk}" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Talk, Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Docs people actually read" })).ToBeVisibleAsync();
    }
}
