using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed class BofJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Title = "Home Assistant and open hardware";

    [BrowserFact]
    public async Task An_attendee_proposes_a_bof_others_join_it_gets_booked_and_shows_in_the_public_schedule()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // The organisers want BoFs to start with two interested people at this small meetup.
        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", password);
        await aisyah.GotoCheckedAsync($"/events/{Slug}/bofs/manage");
        await aisyah.GetByLabel("People interested (besides the proposer) before a BoF can be booked").FillAsync("2");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await Assertions.Expect(aisyah.Locator("main [role=status]")).ToContainTextAsync("saved");

        // Amir proposes a BoF.
        var amir = await browser.NewPersonAsync(app.BaseUrl);
        await amir.LogInAsync("amir@demo.example.org", password);
        await amir.GotoCheckedAsync($"/events/{Slug}");
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Link, new() { Name = "BoFs", Exact = true }));
        await amir.GetByLabel("Title").FillAsync(Title);
        await amir.GetByLabel("What is it about? Who should come?").FillAsync("Sensors, Zigbee and keeping your home off other people's clouds.");
        await amir.ClickAndCheckAsync(amir.GetByRole(AriaRole.Button, new() { Name = "Propose" }));
        var bof = amir.Locator("article.bof").Filter(new() { HasText = Title });
        await Assertions.Expect(bof.Locator(".bof-state")).ToHaveTextAsync("Gathering interest");

        // Farah and Kenji join.
        foreach (var email in new[] { "farah@demo.example.org", "kenji@demo.example.org" })
        {
            var fan = await browser.NewPersonAsync(app.BaseUrl);
            await fan.LogInAsync(email, password);
            await fan.GotoCheckedAsync($"/events/{Slug}/bofs");
            await fan.ClickAndCheckAsync(fan.GetByRole(AriaRole.Button, new() { Name = $"I'm interested in {Title}" }));
            await Assertions.Expect(fan.GetByRole(AriaRole.Button, new() { Name = $"Withdraw my interest in {Title}" })).ToBeVisibleAsync();
        }

        // Amir books the first free slot himself.
        await amir.GotoCheckedAsync($"/events/{Slug}/bofs");
        await Assertions.Expect(bof.Locator(".bof-state")).ToHaveTextAsync("Ready to book");
        var slot = await bof.GetByLabel("Book a slot").Locator("option").First.InnerTextAsync();
        await amir.ClickAndCheckAsync(bof.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }));
        await Assertions.Expect(bof.Locator(".bof-state")).ToHaveTextAsync("Booked");
        await Assertions.Expect(bof.Locator(".bof-booking")).ToContainTextAsync(slot);

        // It is in the public schedule at once, for anyone.
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        await visitor.GotoCheckedAsync($"/events/{Slug}/schedule");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(Title);
        await amir.ClickAndCheckAsync(bof.GetByRole(AriaRole.Link, new() { Name = "In the schedule" }));
        await Assertions.Expect(amir.Locator("h1")).ToContainTextAsync(Title);

        // Those interested are told, by real mail.
        var mail = await smtp.WaitForAsync("farah@demo.example.org", Title);
        Assert.Contains(slot.Split(", ")[^1], mail.TextBody);
    }
}
