using System.Text.RegularExpressions;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

/// <summary>Issue 17: an attendee rates a session from their agenda; an organiser builds, sends and reads a survey (on the demo's past meetup).</summary>
public sealed partial class FeedbackJourneyTests
{
    private const string Meetup = "fossmy-meetup-12";

    [BrowserFact]
    public async Task An_attendee_rates_a_session_from_their_agenda_and_the_organiser_sees_it_without_their_name()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();

        var farah = await browser.NewPersonAsync(app.BaseUrl);
        await farah.LogInAsync("farah@demo.example.org", app.DemoPassword());
        await farah.GotoCheckedAsync("/my/agenda");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Link, new() { Name = "Rate this session: Your first Debian package" }));
        await AssertFitsAsync(farah);
        await farah.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await farah.GetByLabel("A comment for the speaker (optional)").FillAsync("Loved the live lintian run — Zoë");
        await farah.ClickAndCheckAsync(farah.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }));
        await Assertions.Expect(farah.Locator("#my-rating")).ToContainTextAsync("4 of 5");

        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", app.DemoPassword());
        await aisyah.GotoCheckedAsync($"/events/{Meetup}/feedback");
        var talk = aisyah.Locator("article.feedback-session").Filter(new() { HasText = "Your first Debian package" });
        await Assertions.Expect(talk).ToContainTextAsync("3 ratings");
        await Assertions.Expect(talk).ToContainTextAsync("Loved the live lintian run — Zoë");
        await Assertions.Expect(talk).Not.ToContainTextAsync("Farah");
        await AssertFitsAsync(aisyah);
    }

    [BrowserFact]
    public async Task An_organiser_builds_sends_and_reads_a_survey_and_an_attendee_answers_from_the_mail_without_logging_in()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();

        var aisyah = await browser.NewPersonAsync(app.BaseUrl);
        await aisyah.LogInAsync("aisyah@demo.example.org", app.DemoPassword());
        await aisyah.GotoCheckedAsync($"/events/{Meetup}/surveys");
        await aisyah.GetByLabel("Title").FillAsync("Topics for Meetup #13");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }));
        await aisyah.GetByLabel("Question", new() { Exact = true }).FillAsync("Which topic next?");
        await aisyah.GetByLabel("Kind").SelectOptionAsync("single");
        await aisyah.GetByLabel("Options, one per line (choice questions only)").FillAsync("Rust\nNix\nAccessibility");
        await aisyah.GetByLabel("Required").CheckAsync();
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Add the question" }));
        await aisyah.GetByLabel("Question", new() { Exact = true }).FillAsync("Ideas?");
        await aisyah.GetByLabel("Kind").SelectOptionAsync("text");
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Add the question" }));
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Open for answers" }));
        await aisyah.ClickAndCheckAsync(aisyah.GetByRole(AriaRole.Button, new() { Name = "Send the links to every ticket holder" }));
        await Assertions.Expect(aisyah.Locator("#survey-state")).ToContainTextAsync("4 invited, 0 answered");
        await AssertFitsAsync(aisyah);
        var surveyPage = aisyah.Url;

        var mail = await smtp.WaitForAsync("jason@demo.example.org", "Topics for Meetup #13");
        var link = SurveyLink().Match(mail.TextBody ?? "");
        Assert.True(link.Success, mail.TextBody);
        var jason = await browser.NewPersonAsync(app.BaseUrl); // not logged in
        await jason.GotoCheckedAsync(new Uri(link.Value).PathAndQuery);
        await AssertFitsAsync(jason);
        await jason.GetByLabel("Nix").CheckAsync();
        await jason.GetByLabel("2. Ideas?").FillAsync("<b>Flakes</b> for beginners");
        await jason.ClickAndCheckAsync(jason.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }));
        await Assertions.Expect(jason.Locator("#survey-done")).ToContainTextAsync("your answers are in");

        await aisyah.GotoCheckedAsync(surveyPage + "/results");
        await Assertions.Expect(aisyah.Locator("#response-rate")).ToContainTextAsync("1 of 4");
        await Assertions.Expect(aisyah.Locator("svg[role=img] desc").First).ToContainTextAsync("Rust: 0; Nix: 1; Accessibility: 0.");
        await Assertions.Expect(aisyah.Locator("ul.survey-texts")).ToContainTextAsync("<b>Flakes</b> for beginners");
        await AssertFitsAsync(aisyah);
    }

    /// <summary>No sideways scrolling on a phone or a laptop, the organisers' shared navigation aside (see SocialJourneyTests).</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        foreach (var width in new[] { PageFit.Phone, PageFit.Laptop })
        {
            await page.SetViewportSizeAsync(width, 800);
            var culprits = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('main *')].filter(el => !el.closest('nav')
                        && !(el.parentElement && el.parentElement.closest('.overflow-auto, .table-scroll'))
                        && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''))
                """);
            Assert.True(culprits.Length == 0, $"{page.Url} is wider than a {width} px window: {string.Join(", ", culprits)}");
        }
    }

    [GeneratedRegex(@"https?://\S+/surveys/[A-Za-z0-9_-]+")]
    private static partial Regex SurveyLink();
}
