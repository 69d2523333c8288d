using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Events;

public sealed class CreateEventJourneyTests
{
    [BrowserFact]
    public async Task A_new_organiser_registers_logs_in_creates_an_event_with_rooms_and_a_track_and_sees_it_public()
    {
        await using var app = await AppProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();

        // The site administrator comes from the one-time link printed at start, and lets anyone create events.
        var admin = await browser.NewPersonAsync(app.BaseUrl);
        await admin.GotoCheckedAsync(app.SetupLink());
        await admin.GetByLabel("Email").FillAsync("root@example.org");
        await admin.GetByLabel("Display name").FillAsync("Site Admin");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync(Journeys.Password);
        await admin.GetByLabel("Password again").FillAsync(Journeys.Password);
        await admin.ClickAndCheckAsync(admin.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }));
        await admin.GotoCheckedAsync("/admin/settings");
        await admin.GetByLabel("Any signed-in user").CheckAsync();
        await admin.ClickAndCheckAsync(admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).First);

        // A newcomer registers, confirms the address from the emailed link, and logs in.
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.RegisterAndLogInAsync(app, "mei@example.org", "Mei Ling");
        await page.GotoCheckedAsync("/");

        // Create the event.
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create an event" }));
        await page.GetByLabel("Slug").FillAsync("fossmy-2027");
        await page.GetByLabel("Name").FillAsync("FOSS.my 2027");
        await page.GetByLabel("First day").FillAsync("2027-11-06");
        await page.GetByLabel("Last day").FillAsync("2027-11-07");
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Kuala_Lumpur");
        await page.GetByLabel("Venue").FillAsync("Asia Pacific University, Kuala Lumpur");
        await page.GetByLabel("Description").FillAsync("Two days of **free software** talks.");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create the event" }));

        // Two rooms and a track.
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Rooms", Exact = true }));
        foreach (var (name, seats) in new[] { ("Main Hall", "400"), ("Room Ubuntu", "60") })
        {
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByLabel("Seats").FillAsync(seats);
            await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add the room" }));
        }
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Tracks", Exact = true }));
        await page.GetByLabel("Name").FillAsync("Cloud & Infra");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add the track" }));

        // Anyone sees it on the public page.
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        await visitor.GotoCheckedAsync("/");
        await visitor.ClickAndCheckAsync(visitor.GetByRole(AriaRole.Link, new() { Name = "FOSS.my 2027" }));
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("FOSS.my 2027");
        var main = visitor.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Main Hall");
        await Assertions.Expect(main).ToContainTextAsync("Room Ubuntu");
        await Assertions.Expect(main).ToContainTextAsync("Cloud & Infra");
        await Assertions.Expect(main.Locator("strong", new() { HasText = "free software" })).ToBeVisibleAsync();
    }
}
