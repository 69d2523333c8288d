using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed class LightningJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task Sign_up_see_the_position_withdraw_and_the_waitlisted_person_is_promoted_then_the_run_sheet_counts_down()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // Farah takes the last slot of the day-2 session (the demo leaves one of five free).
        var farah = await browser.NewPersonAsync(app.BaseUrl);
        await farah.LogInAsync("farah@demo.example.org", password);
        await farah.GotoCheckedAsync($"/events/{Slug}/lightning");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Link, new() { Name = "Lightning talks, day 2" }));
        var sessionUrl = farah.Url;
        await farah.GetByLabel("Title of your talk").FillAsync("Why I switched to Wayland");
        await farah.GetByLabel("One-line description").FillAsync("Fractional scaling finally works.");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Button, new() { Name = "Sign up for a slot" }));
        await Assertions.Expect(farah.Locator(".your-talk .standing")).ToContainTextAsync("number 5 in the running order");

        // Jason is next: the session is full, so he sees his place on the waitlist.
        var jason = await browser.NewPersonAsync(app.BaseUrl);
        await jason.LogInAsync("jason@demo.example.org", password);
        await jason.GotoCheckedAsync(sessionUrl);
        await jason.GetByLabel("Title of your talk").FillAsync("Home Assistant without the cloud");
        await jason.ClickAndCheckAsync(jason.GetByRole(AriaRole.Button, new() { Name = "Sign up for a slot" }));
        await Assertions.Expect(jason.Locator(".your-talk .standing")).ToContainTextAsync("On the waitlist: position 1");

        // Farah withdraws; Jason is promoted, told by mail, and confirms in time.
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Button, new() { Name = "Withdraw my talk" }));
        // The confirmation first: her slot is freed and the one talk waiting is offered it; nothing has changed yet.
        await Assertions.Expect(farah.Locator("section.confirm-step [data-impact='waitlist']")).ToHaveAttributeAsync("data-count", "1");
        await farah.ClickAndCheckAsync(farah.Locator("section.confirm-step button[type='submit']"));
        await Assertions.Expect(farah.Locator(".your-talk .standing")).ToContainTextAsync("Withdrawn");
        var offer = await smtp.WaitForAsync("jason@demo.example.org", "lightning talk slot");
        Assert.Contains("/lightning/", offer.TextBody);
        await jason.GotoCheckedAsync(sessionUrl);
        await Assertions.Expect(jason.Locator(".your-talk .standing")).ToContainTextAsync("A slot came free");
        await jason.ClickAndCheckAsync(jason.GetByRole(AriaRole.Button, new() { Name = "Confirm my slot" }));
        await Assertions.Expect(jason.Locator(".your-talk .standing")).ToContainTextAsync("number 5 in the running order");

        // The MC (an organiser) opens day 1's run sheet, starts the first talk and the timer counts down.
        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", password);
        await aisyah.GotoCheckedAsync($"/events/{Slug}/lightning/manage");
        // The session (titled "Lightning talks" in the demo), not the organisers' navigation link of the same name.
        await aisyah.ClickAndCheckAsync(aisyah.Locator("main a[href*='/lightning/manage/']").GetByText("Lightning talks", new() { Exact = true }));
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Link, new() { Name = "Run sheet" }));
        var countdown = aisyah.Locator(".countdown");
        await Assertions.Expect(countdown).ToHaveTextAsync("5:00");
        await aisyah.GetByRole(AriaRole.Button, new() { Name = "Start “My dotfiles, explained in five minutes”" }).ClickAsync();
        await Assertions.Expect(aisyah.Locator(".now .title")).ToHaveTextAsync("My dotfiles, explained in five minutes");
        await Assertions.Expect(countdown).Not.ToHaveTextAsync("5:00", new() { Timeout = 5000 });
        var first = Seconds(await countdown.InnerTextAsync());
        await aisyah.WaitForTimeoutAsync(2500);
        var later = Seconds(await countdown.InnerTextAsync());
        Assert.InRange(first, 280, 299);
        Assert.True(later < first, $"the countdown went from {first} to {later} seconds");
        await Assertions.Expect(aisyah.Locator(".next .title")).ToContainTextAsync("Reproducible builds at home");
        await aisyah.AssertAccessibleAsync();
    }

    private static int Seconds(string text)
    {
        var parts = text.Trim().TrimStart('-').Split(':');
        return int.Parse(parts[0]) * 60 + int.Parse(parts[1]);
    }
}
