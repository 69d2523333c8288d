using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Submissions;

public sealed class SpeakerJourneyTests
{
    [BrowserFact]
    public async Task A_new_speaker_fills_the_profile_submits_with_a_co_speaker_edits_and_sees_the_state()
    {
        await using var app = await AppProcess.StartAsync(args: "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);

        await page.RegisterAndLogInAsync(app, "lin@example.org", "Lin Zhang");

        // Speaker profile, reused across events.
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Speaker profile" }));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lin Zhang");
        await page.GetByLabel("Affiliation").FillAsync("OpenStreetMap Malaysia");
        await page.GetByLabel("Bio").FillAsync("Maps, **open data** and community building.");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }));

        // The call for papers of the demo event, then a new proposal.
        await page.GotoCheckedAsync("/events/fossmy-2026/cfp");
        await page.GotoCheckedAsync("/events/fossmy-2026/proposals/new");
        await page.GetByLabel("Title").FillAsync("Mapping kampungs with OpenStreetMap");
        await page.GetByLabel("Abstract").FillAsync("How a weekend mapping party became a national dataset.");
        await page.GetByLabel("Description").FillAsync("We walk through tools, **imagery** and validation.");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mapping kampungs with OpenStreetMap");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Submitted");

        // Invite a co-speaker (a demo speaker), who accepts through the emailed link.
        await page.GetByLabel("Co-speaker's email").FillAsync("arjun@demo.example.org");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Invite co-speaker" }));
        var invitation = await app.WaitForMailLinkAsync("arjun@demo.example.org", "/invitations/co-speaker");
        var arjun = await browser.NewPersonAsync(app.BaseUrl);
        await arjun.LogInAsync("arjun@demo.example.org", app.DemoPassword());
        await arjun.GotoCheckedAsync(invitation);
        await arjun.ClickAndCheckAsync(arjun.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }));
        await Assertions.Expect(arjun.Locator("main")).ToContainTextAsync("You are now a speaker of this proposal.");

        // The speaker edits the proposal and sees both speakers and its state.
        var proposalUrl = page.Url;
        await page.GotoCheckedAsync(proposalUrl + "/edit");
        await page.GetByLabel("Title").FillAsync("Mapping kampungs with OpenStreetMap and Kartaview");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Your changes are saved.");
        await page.GotoCheckedAsync(proposalUrl);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mapping kampungs with OpenStreetMap and Kartaview");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Arjun Kumar");
        await page.GotoCheckedAsync("/events/fossmy-2026/proposals/mine");
        var row = page.Locator("main").GetByText("Mapping kampungs with OpenStreetMap and Kartaview");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Submitted");
    }
}
