using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

/// <summary>
/// The README's screenshots are the demo as it is today: this test opens the pages a newcomer should see first, checks
/// each fits its screen and passes axe, and writes the pictures to docs/screenshots/. Regenerate them with
/// <c>dotnet test tests/EventPlanner.BrowserTests --filter ReadmeScreenshotTests</c> and commit the changed files.
/// </summary>
public sealed class ReadmeScreenshotTests
{
    private const string Slug = "fossmy-2026";

    private static readonly (string File, string Who, string Path, int Width)[] Shots =
    [
        ("event-page.png", "", $"/events/{Slug}", PageFit.Laptop),
        ("schedule.png", "", $"/events/{Slug}/schedule", PageFit.Laptop),
        ("schedule-phone.png", "", $"/events/{Slug}/schedule", PageFit.Phone),
        ("organiser-dashboard.png", "aisyah@demo.example.org", $"/events/{Slug}/manage", PageFit.Laptop),
        ("organiser-menu-phone.png", "aisyah@demo.example.org", $"/events/{Slug}/proposals", PageFit.Phone),
        ("my-tickets-phone.png", "farah@demo.example.org", "/my/tickets", PageFit.Phone),
        ("my-agenda-phone.png", "farah@demo.example.org", "/my/agenda", PageFit.Phone),
    ];

    [BrowserFact]
    public async Task The_readme_screenshots_show_the_demo_pages_and_each_fits_its_screen()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var folder = Path.Combine(AppProcess.RepoRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        var people = new Dictionary<string, IPage>();

        foreach (var (file, who, path, width) in Shots)
        {
            if (!people.TryGetValue(who, out var page))
            {
                page = people[who] = await browser.NewPersonAsync(app.BaseUrl);
                if (who != "") await page.LogInAsync(who, app.DemoPassword());
            }
            await page.SetViewportSizeAsync(width, 844);
            await page.GotoCheckedAsync(path);
            var measured = await page.WidthAtAsync(width);
            Assert.True(measured <= width, $"{path} is {measured} px wide at {width} px: {await page.OverflowingAsync()}");

            // The first screenful, as a reader of the README sees a phone or a laptop (not the whole page: smaller files).
            var target = Path.Combine(folder, file);
            await page.ScreenshotAsync(new() { Path = target, Type = ScreenshotType.Png });
            Assert.True(new FileInfo(target).Length > 10_000, $"{file} looks empty");
        }
    }
}
