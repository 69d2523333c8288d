using System.Text.Json;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Privacy;

public sealed class PersonalDataJourneyTests
{
    // A demo reviewer: no ticket to hand on first, so nothing stands in the way of deleting.
    private const string Hafiz = "hafiz@demo.example.org";

    [BrowserFact]
    public async Task A_person_downloads_their_data_from_the_profile_page_then_deletes_their_account_with_their_password()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var hafiz = await browser.NewPersonAsync(app.BaseUrl);

        // Before signing in, the event page leads to what the event keeps and for how long.
        await hafiz.GotoCheckedAsync("/events/fossmy-2026");
        await hafiz.ClickAndCheckAsync(hafiz.GetByRole(AriaRole.Link, new() { Name = "Privacy at this event" }));
        await Assertions.Expect(hafiz.Locator("main")).ToContainTextAsync("kept for 90 days after the event's last day");
        await AssertFitsAsync(hafiz);

        await hafiz.LogInAsync(Hafiz, app.DemoPassword());

        await hafiz.GotoCheckedAsync("/account/profile");
        await AssertFitsAsync(hafiz);
        var download = await hafiz.RunAndWaitForDownloadAsync(() => hafiz.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        Assert.StartsWith("eventplanner-my-data-", download.SuggestedFilename);
        await using (var file = await download.CreateReadStreamAsync())
        {
            using var json = await JsonDocument.ParseAsync(file);
            Assert.Equal(Hafiz, json.RootElement.GetProperty("account").GetString());
            Assert.NotEmpty(json.RootElement.GetProperty("sections").GetProperty("reviews").GetProperty("reviews_written").EnumerateArray());
        }

        // The confirmation step: without the password nothing happens; with a wrong one, a message by the field.
        await hafiz.GetByLabel("Type your password to confirm").FillAsync("not my password");
        await hafiz.ClickAndCheckAsync(hafiz.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }));
        await Assertions.Expect(hafiz.Locator("main")).ToContainTextAsync("That is not your current password.");
        await hafiz.GetByLabel("Type your password to confirm").FillAsync(app.DemoPassword());
        await hafiz.ClickAndCheckAsync(hafiz.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }));
        await Assertions.Expect(hafiz.Locator("main")).ToContainTextAsync("Your account is deleted");

        var again = await browser.NewPersonAsync(app.BaseUrl);
        await again.GotoCheckedAsync("/account/login");
        await again.GetByLabel("Email").FillAsync(Hafiz);
        await again.GetByLabel("Password").FillAsync(app.DemoPassword());
        await again.ClickAndCheckAsync(again.GetByRole(AriaRole.Button, new() { Name = "Log in" }));
        await Assertions.Expect(again.Locator("main")).ToContainTextAsync("do not match an account");
    }

    /// <summary>The profile page fits a phone (390 px) and a laptop (1280 px) with no sideways scrolling.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        foreach (var width in new[] { PageFit.Phone, PageFit.Laptop })
        {
            var laidOut = await page.WidthAtAsync(width);
            Assert.True(laidOut <= width, $"{page.Url} is {laidOut} px wide at {width} px: {await page.OverflowingAsync()}");
        }
    }
}
