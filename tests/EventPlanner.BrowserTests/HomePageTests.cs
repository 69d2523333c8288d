using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed class HomePageTests
{
    [BrowserFact]
    public async Task A_newcomer_sees_the_event_list_and_the_login_page_without_accessibility_errors()
    {
        await using var app = await AppProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);

        await page.GotoCheckedAsync("/");
        Assert.Equal("Events", await page.Locator("h1").InnerTextAsync());

        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Log in" }));
        Assert.Equal("Log in", await page.Locator("h1").InnerTextAsync());
    }
}
