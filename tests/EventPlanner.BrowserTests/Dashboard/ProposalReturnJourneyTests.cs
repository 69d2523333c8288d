using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Dashboard;

/// <summary>Issue 14: a newcomer who clicks "Submit a proposal" keeps their place through registering, confirming and logging in.</summary>
public sealed class ProposalReturnJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task A_visitor_clicks_submit_a_proposal_registers_confirms_logs_in_and_lands_on_the_proposal_form()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        const string email = "newcomer@example.org";

        await page.GotoCheckedAsync($"/events/{Slug}");
        await Assertions.Expect(page.Locator(".event-cta")).ToContainTextAsync("days left");
        await page.AssertNoSidewaysScrollAsync();
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Submit a proposal" }));
        Assert.Contains("/account/login", page.Url);

        await page.ClickAndCheckAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Create an account" }));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Nur Newcomer");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Journeys.Password);
        await page.GetByLabel("Password again").FillAsync(Journeys.Password);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Check your email");

        await page.GotoCheckedAsync(await app.WaitForMailLinkAsync(email, "/account/confirm"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Email confirmed");
        await page.ClickAndCheckAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "log in" }));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Journeys.Password);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Log in" }));

        Assert.EndsWith($"/events/{Slug}/proposals/new", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("main form[method='post']")).ToHaveCountAsync(1);
        await page.AssertNoSidewaysScrollAsync();
    }
}
