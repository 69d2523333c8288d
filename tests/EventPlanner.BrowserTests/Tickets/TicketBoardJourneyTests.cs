using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Tickets;

public sealed class TicketBoardJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task A_ticket_offered_on_the_board_goes_to_the_chosen_requester_and_only_the_new_code_checks_in()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // Farah (a demo attendee) can't go and offers her community ticket on the board.
        var farah = await browser.NewPersonAsync(app.BaseUrl);
        await farah.LogInAsync("farah@demo.example.org", password);
        await farah.GotoCheckedAsync("/my/tickets");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Link, new() { Name = "Open ticket" }).First);
        await Assertions.Expect(farah.Locator("h1")).ToContainTextAsync("Community");
        var oldTicketUrl = farah.Url;
        var oldSecret = oldTicketUrl[(oldTicketUrl.LastIndexOf('/') + 1)..];
        await farah.GetByLabel("Note for the board (who should get it?)").FillAsync("For an established FOSS developer without funding.");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Button, new() { Name = "Offer this ticket" }));

        // Two people who have no ticket ask for it.
        foreach (var (email, message) in new[] { ("kavitha@demo.example.org", "I maintain the Tamil locale of GNOME."), ("nurul@demo.example.org", "Debian packager, self-funded.") })
        {
            var requester = await browser.NewPersonAsync(app.BaseUrl);
            await requester.LogInAsync(email, password);
            await requester.GotoCheckedAsync($"/events/{Slug}/tickets/board");
            var offer = requester.Locator("article, section, li").Filter(new() { HasText = "For an established FOSS developer without funding." }).Last;
            await offer.GetByLabel("Message to the holder").FillAsync(message);
            await requester.ClickAndCheckAsync(offer.GetByRole(AriaRole.Button, new() { Name = "Request this ticket" }));
        }

        // Farah picks Kavitha; Kavitha accepts from her tickets page.
        await farah.GotoCheckedAsync(oldTicketUrl);
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Button, new() { Name = "Choose Kavitha Raj" }));
        var kavitha = await browser.NewPersonAsync(app.BaseUrl);
        await kavitha.LogInAsync("kavitha@demo.example.org", password);
        await kavitha.GotoCheckedAsync("/my/tickets");
        await kavitha.ClickAndCheckAsync(kavitha.GetByRole(AriaRole.Link, new() { Name = "accept or decline" }));
        await kavitha.ClickAndCheckAsync(kavitha.GetByRole(AriaRole.Button, new() { Name = "Accept ticket" }));

        // Both people are told, by real mail over SMTP.
        var toKavitha = await smtp.WaitForAsync("kavitha@demo.example.org", "ticket");
        var toFarah = await smtp.WaitForAsync("farah@demo.example.org", "ticket");
        Assert.NotNull(toKavitha.TextBody);
        Assert.NotNull(toFarah.TextBody);

        // Kavitha's ticket has a new code; the old one no longer opens the ticket.
        await kavitha.GotoCheckedAsync("/my/tickets");
        await kavitha.ClickAndCheckAsync(kavitha.GetByRole(AriaRole.Link, new() { Name = "Open ticket" }).First);
        var newSecret = kavitha.Url[(kavitha.Url.LastIndexOf('/') + 1)..];
        Assert.NotEqual(oldSecret, newSecret);

        // At the door: the new code checks in, the old one is refused.
        var desk = await browser.NewPersonAsync(app.BaseUrl);
        await desk.LogInAsync("aisyah@demo.example.org", password);
        await desk.GotoCheckedAsync($"/events/{Slug}/check-in");
        await desk.GetByLabel("Ticket code or link (type, paste or scan)").FillAsync(oldSecret);
        await desk.ClickAndCheckAsync(desk.GetByRole(AriaRole.Button, new() { Name = "Check in", Exact = true }));
        var refusal = await desk.Locator("main [role=alert], main .refused, main [role=status]").First.InnerTextAsync();
        await desk.GetByLabel("Ticket code or link (type, paste or scan)").FillAsync(newSecret);
        await desk.ClickAndCheckAsync(desk.GetByRole(AriaRole.Button, new() { Name = "Check in", Exact = true }));
        var accepted = await desk.Locator("main [role=alert], main .accepted, main [role=status]").First.InnerTextAsync();

        Assert.Contains("replaced", refusal, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Kavitha", accepted);
    }
}
