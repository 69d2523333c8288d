using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Tickets;

/// <summary>Issue 14: at the door on a phone, the attendee whose phone is dead is found by name and checked in.</summary>
public sealed class CheckInByNameJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task On_a_390px_phone_a_check_in_volunteer_finds_an_attendee_by_name_and_checks_them_in_once()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var desk = await browser.NewPersonAsync(app.BaseUrl);
        await desk.SetViewportSizeAsync(PageFit.Phone, 844);
        await desk.LogInAsync("rizal@demo.example.org", app.DemoPassword());
        await desk.GotoCheckedAsync($"/events/{Slug}/check-in");

        // Too short a query is refused with a message, not a list.
        var find = desk.GetByLabel("Name, badge name or full email");
        await find.FillAsync("f");
        await desk.EvaluateAsync("() => document.getElementById('q').removeAttribute('minlength')");
        await desk.ClickAndCheckAsync(desk.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }));
        await Assertions.Expect(desk.Locator("#q-error")).ToContainTextAsync("at least 2 characters");

        // "farah" finds Farah Aziz's valid community ticket, with only a hint of her email.
        await desk.GetByLabel("Name, badge name or full email").FillAsync("farah");
        await desk.ClickAndCheckAsync(desk.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }));
        var matches = desk.GetByRole(AriaRole.List, new() { Name = "Matching tickets" });
        await Assertions.Expect(matches).ToContainTextAsync("Farah Aziz");
        await Assertions.Expect(matches).ToContainTextAsync("f•••@demo.example.org");
        await Assertions.Expect(matches).Not.ToContainTextAsync("farah@demo.example.org");
        await desk.AssertNoSidewaysScrollAsync();
        await desk.SetViewportSizeAsync(PageFit.Phone, 844);

        var checkIn = desk.GetByRole(AriaRole.Button, new() { Name = "Check in Farah Aziz (Community)" });
        var box = await checkIn.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= PageFit.Phone, $"The button lies at x={box?.X}, {box?.Width} px wide");
        await desk.ClickAndCheckAsync(checkIn);

        await Assertions.Expect(desk.Locator("main [role=alert]").First).ToContainTextAsync("Checked in.");
        await Assertions.Expect(desk.Locator("main [role=alert]").First).ToContainTextAsync("Farah Aziz");
        // The same search, shown again: Farah is in now, and there is no second button to press.
        await Assertions.Expect(matches).ToContainTextAsync("Already checked in at");
        await Assertions.Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Check in Farah Aziz (Community)" })).ToHaveCountAsync(0);
        await desk.AssertNoSidewaysScrollAsync();

        // The volunteer works the desk only: the organisers' attendee list is not theirs.
        await desk.GotoAsync($"/events/{Slug}/attendees");
        Assert.Contains("access-denied", desk.Url);
    }

    [BrowserFact]
    public async Task The_organisers_attendee_list_fits_a_phone_and_finds_a_demo_attendee()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());
        await page.GotoCheckedAsync($"/events/{Slug}/attendees");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Attendees" })).ToContainTextAsync("Jason Lim");
        await page.AssertNoSidewaysScrollAsync();

        // Upper case and no accents still find her; Jason (checked in) is filtered out.
        await page.GetByLabel("Name or email").FillAsync("FARAH");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }));
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Attendees" });
        await Assertions.Expect(table).ToContainTextAsync("Farah Aziz");
        await Assertions.Expect(table).Not.ToContainTextAsync("Jason Lim");
        await page.AssertNoSidewaysScrollAsync();
    }
}
