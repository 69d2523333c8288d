using System.Text.RegularExpressions;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Reviews;

public sealed partial class ReviewJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Talk = "Your first kernel patch, live"; // the demo leaves it in Priya's queue, by Arjun with Nurul

    [BrowserFact]
    public async Task A_reviewer_works_through_the_queue_the_organiser_accepts_and_releases_and_the_speaker_confirms_from_the_mail()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();

        // The reviewer: "Next proposal" serves the talk left in their queue, anonymously; they score it and go on.
        var reviewer = await browser.NewPersonAsync(app.BaseUrl);
        await reviewer.LogInAsync("priya@demo.example.org", password);
        await reviewer.GotoCheckedAsync($"/events/{Slug}/review");
        await reviewer.ClickAndCheckAsync(reviewer.GetByRole(AriaRole.Button, new() { Name = "Next proposal" }));
        await Assertions.Expect(reviewer.Locator("h1")).ToHaveTextAsync(Talk);
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("Anonymous review");
        await Assertions.Expect(reviewer.Locator("main")).Not.ToContainTextAsync("Arjun");
        await reviewer.Locator("fieldset").Filter(new() { HasText = "Relevance" }).GetByLabel("3", new() { Exact = true }).CheckAsync();
        await reviewer.Locator("fieldset").Filter(new() { HasText = "Clarity" }).GetByLabel("5", new() { Exact = true }).CheckAsync();
        await reviewer.GetByLabel("Comment for the committee").FillAsync("A live patch on stage: exactly what newcomers need.");
        await reviewer.GetByLabel("Note to the speaker", new() { Exact = false }).FillAsync("Please bring a spare laptop in case the demo breaks.");
        await reviewer.ClickAndCheckAsync(reviewer.GetByRole(AriaRole.Button, new() { Name = "Save review" }));
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("Your review is saved.");
        await reviewer.ClickAndCheckAsync(reviewer.GetByRole(AriaRole.Button, new() { Name = "Next proposal" }));
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("Nothing is left for you to review in this phase.");
        await Assertions.Expect(reviewer.Locator("main tr").Filter(new() { HasText = Talk })).ToContainTextAsync("Reviewed");

        // The organiser shortlists it from the ranking, then accepts it; nothing reaches the speakers yet.
        var organiser = await browser.NewPersonAsync(app.BaseUrl);
        await organiser.LogInAsync("aisyah@demo.example.org", password);
        await organiser.GotoCheckedAsync($"/events/{Slug}/ranking");
        await organiser.GetByLabel($"Choose {Talk}").CheckAsync();
        await organiser.ClickAndCheckAsync(organiser.GetByRole(AriaRole.Button, new() { Name = "Shortlist" }));
        await Assertions.Expect(organiser.Locator("main")).ToContainTextAsync("1 proposal is now shortlisted");
        await organiser.GetByLabel($"Choose {Talk}").CheckAsync();
        await organiser.GetByLabel("Include the reviewers' notes to the speaker in the mail").CheckAsync();
        await organiser.ClickAndCheckAsync(organiser.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }));
        await Assertions.Expect(organiser.Locator("main")).ToContainTextAsync("1 proposal is now accepted");
        await Assertions.Expect(organiser.Locator("main tr").Filter(new() { HasText = Talk })).ToContainTextAsync("Accepted (not released)");

        await organiser.GotoCheckedAsync($"/events/{Slug}/decisions");
        var unreleased = organiser.Locator("main section").Filter(new() { HasText = "Not released yet" });
        await Assertions.Expect(unreleased.Locator("tr").Filter(new() { HasText = Talk })).ToContainTextAsync("Accepted");
        await Task.Delay(1000); // give the outbox a moment: a held mail must stay held
        Assert.DoesNotContain(smtp.Messages, m => m.Subject?.Contains($"Accepted: {Talk}") == true);
        await organiser.ClickAndCheckAsync(organiser.GetByRole(AriaRole.Button, new() { Name = "Release decisions" }));
        await Assertions.Expect(organiser.Locator("main")).ToContainTextAsync("Every decision has been released.");

        // Both speakers get the acceptance over SMTP; the owner confirms through the mail's link.
        var mail = await smtp.WaitForAsync("arjun@demo.example.org", $"Accepted: {Talk}");
        await smtp.WaitForAsync("nurul@demo.example.org", $"Accepted: {Talk}");
        Assert.Contains("Please bring a spare laptop", mail.TextBody);
        var link = ConfirmLink().Match(mail.TextBody ?? "");
        Assert.True(link.Success, mail.TextBody);

        var speaker = await browser.NewPersonAsync(app.BaseUrl);
        await speaker.LogInAsync("arjun@demo.example.org", password);
        await speaker.GotoCheckedAsync($"/events/{Slug}/proposals/mine");
        await Assertions.Expect(speaker.Locator("main tr").Filter(new() { HasText = Talk })).ToContainTextAsync("Accepted");
        await speaker.GotoCheckedAsync(link.Value);
        await Assertions.Expect(speaker.Locator("h1")).ToHaveTextAsync(Talk);
        await speaker.ClickAndCheckAsync(speaker.GetByRole(AriaRole.Button, new() { Name = "Confirm my talk" }));
        await Assertions.Expect(speaker.Locator("main")).ToContainTextAsync("Your talk is confirmed.");
        await speaker.GotoCheckedAsync($"/events/{Slug}/proposals/mine");
        await Assertions.Expect(speaker.Locator("main tr").Filter(new() { HasText = Talk })).ToContainTextAsync("Confirmed");

        // The organisers see the answer.
        await organiser.GotoCheckedAsync($"/events/{Slug}/decisions");
        var confirmations = organiser.Locator("main section").Filter(new() { HasText = "Confirmations" });
        await Assertions.Expect(confirmations.Locator("tr").Filter(new() { HasText = Talk })).ToContainTextAsync("confirmed");
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/confirm\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLink();
}
