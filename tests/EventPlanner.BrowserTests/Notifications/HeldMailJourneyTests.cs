using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Notifications;

public sealed class HeldMailJourneyTests
{
    private const string Slug = "fossmy-2026";

    [BrowserFact]
    public async Task An_organiser_writes_to_the_reviewers_reviews_and_edits_the_held_mail_and_releases_it()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPersonAsync(app.BaseUrl);
        await page.LogInAsync("aisyah@demo.example.org", app.DemoPassword());

        // A template override with an unknown placeholder is refused, and the preview shows real data.
        await page.GotoCheckedAsync($"/events/{Slug}/notifications/templates");
        await page.ClickAndCheckAsync(page.Locator("main table a").First);
        await page.GetByLabel("Subject").FillAsync("Hello {recipient_name} from {not_a_placeholder}");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save for this event" }));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("not_a_placeholder");
        await page.GetByLabel("Subject").FillAsync("Hello {recipient_name}, news from {event_name}");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Preview" }));
        await Assertions.Expect(page.Locator("#preview").Locator("..")).ToContainTextAsync("FOSS.my 2026");

        // Write to the reviewers: the mail waits, held, for review.
        await page.GotoCheckedAsync($"/events/{Slug}/notifications/bulk");
        await page.GetByLabel("Reviewers", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Subject").FillAsync("Reviews close on Friday");
        await page.GetByLabel("Message (Markdown)").FillAsync("Dear reviewers, please finish your **queue** by Friday.");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Queue for review" }));
        await page.GotoCheckedAsync($"/events/{Slug}/notifications/held");
        await Assertions.Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Reviews close on Friday" })).ToHaveCountAsync(3);
        Assert.DoesNotContain(smtp.Messages, m => m.Subject?.Contains("Reviews close") == true);

        // Edit one message, then release them all.
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Link, new() { Name = "Reviews close on Friday" }).First);
        await page.GetByLabel("Subject").FillAsync("Reviews close on Friday (with a personal note)");
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        // Release just these three (the demo holds other mail too: decisions, schedule changes).
        await page.GotoCheckedAsync($"/events/{Slug}/notifications/held");
        var rows = page.Locator("main tr").Filter(new() { HasText = "Reviews close on Friday" });
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++) await rows.Nth(i).GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Release selected" }));

        foreach (var reviewer in new[] { "priya@demo.example.org", "weiling@demo.example.org", "hafiz@demo.example.org" })
        {
            await smtp.WaitForAsync(reviewer, "Reviews close on Friday");
        }
        Assert.Single(smtp.Messages, m => m.Subject?.Contains("personal note") == true);
        Assert.Equal(3, smtp.Messages.Count(m => m.Subject?.Contains("Reviews close on Friday") == true));
    }
}
