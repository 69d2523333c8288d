using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed class CommunityRoomJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task A_community_host_gets_a_room_approved_and_their_two_sessions_show_in_the_public_schedule()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // Amir (a demo attendee) starts a group for Debian Malaysia.
        var amir = await browser.NewPersonAsync(app.BaseUrl);
        await amir.LogInAsync("amir@demo.example.org", password);
        await amir.GotoCheckedAsync($"/events/{Slug}/community");
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Link, new() { Name = "Start a community group" }));
        await amir.GetByLabel("Name").FillAsync("Debian Malaysia");
        await amir.GetByLabel("Description").FillAsync("Debian users and developers in Malaysia.");
        await amir.GetByLabel("Contacts", new() { Exact = false }).FillAsync("debian-my@lists.example.org");
        await amir.GetByLabel("Logo link", new() { Exact = false }).FillAsync("https://www.debian.org/logos/openlogo-nd-100.png");
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Button, new() { Name = "Send to the organisers" }));
        await Assertions.Expect(amir.Locator("main")).ToContainTextAsync("Waiting for the organisers' approval");
        var groupUrl = amir.Url;

        // Aisyah (an organiser) approves the group.
        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", password);
        await aisyah.GotoCheckedAsync($"/events/{Slug}/community/manage");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Approve Debian Malaysia" }));

        // Amir asks for Room Ubuntu late on Saturday afternoon, after the Ubuntu Malaysia block.
        await amir.GotoCheckedAsync(groupUrl);
        await amir.GetByLabel("Room you would like").SelectOptionAsync(new SelectOptionValue { Label = "Room Ubuntu (60 seats)" });
        await amir.GetByLabel("Day").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await amir.Locator("#request-start").FillAsync("16:15");
        await amir.Locator("#request-end").FillAsync("17:45");
        await amir.GetByLabel("Expected attendance").FillAsync("30");
        await amir.GetByLabel("Purpose", new() { Exact = false }).FillAsync("Packaging workshop and a keysigning.");
        await amir.GetByLabel("AV needs").FillAsync("Projector");
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Button, new() { Name = "Ask for this room" }));
        await Assertions.Expect(amir.Locator("main")).ToContainTextAsync("Room request sent");

        // Aisyah sees it on Saturday's calendar beside the programme and approves it.
        await aisyah.GotoCheckedAsync($"/events/{Slug}/community/manage");
        await Assertions.Expect(aisyah.Locator(".community-calendar")).ToContainTextAsync("Request: Debian Malaysia");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Approve request of Debian Malaysia" }));
        await Assertions.Expect(aisyah.Locator(".community-calendar .cal-approved").Filter(new() { HasText = "Debian Malaysia" })).ToBeVisibleAsync();

        // Amir fills the block with two sessions.
        await amir.GotoCheckedAsync(groupUrl);
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Link, new() { Name = "Sessions in this block" }));
        foreach (var (title, start, end, guests) in new[] { ("Debian packaging 101", "16:15", "16:55", ""), ("Keysigning and reproducible builds", "17:00", "17:40", "Nurul Huda") })
        {
            await amir.Locator("#new-session-title").FillAsync(title);
            await amir.Locator("#new-session-start").FillAsync(start);
            await amir.Locator("#new-session-end").FillAsync(end);
            await amir.Locator("#new-session-names").FillAsync(guests);
            await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Button, new() { Name = "Add session" }));
            await Assertions.Expect(amir.Locator("main")).ToContainTextAsync($"\"{title}\" is in the public schedule");
        }

        // Anyone sees them in the public schedule of that day.
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        await visitor.GotoCheckedAsync(amir.Url);
        await visitor.ClickAndCheckAsync(visitor.GetByRole(AriaRole.Link, new() { Name = "Schedule of that day" }));
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Debian packaging 101");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Keysigning and reproducible builds");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Nurul Huda");
    }
}
