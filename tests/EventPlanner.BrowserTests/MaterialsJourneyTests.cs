using System.Text;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests;

public sealed class MaterialsJourneyTests
{
    private const string Slug = "fossmy-2026";
    private const string Talk = "Packaging for three distributions";

    [BrowserFact]
    public async Task A_speaker_uploads_slides_after_their_talk_and_the_public_session_page_offers_them()
    {
        await using var smtp = new MailCatcher();
        await using var app = await AppProcess.StartAsync(smtp.AppSettings, "--demo");
        await using var browser = await BrowserSession.StartAsync();

        // Nurul gave "Packaging for three distributions" (the demo has no materials on it) and opens her session's page.
        var nurul = await browser.NewPersonAsync(app.BaseUrl);
        await nurul.LogInAsync("nurul@demo.example.org", app.DemoPassword());
        await nurul.GotoCheckedAsync($"/events/{Slug}/schedule");
        await nurul.ClickAndCheckAsync(nurul.GetByRole(AriaRole.Link, new() { Name = Talk }).First);
        var sessionPage = nurul.Url;
        await nurul.ClickAndCheckAsync(nurul.GetByRole(AriaRole.Link, new() { Name = "Add slides, a recording or links" }));

        // She uploads her slides (a PDF) with a title.
        await nurul.GetByLabel("Slides file").SetInputFilesAsync(new FilePayload
        {
            Name = "packaging-three-distros.pdf", MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await nurul.GetByLabel("Title (optional)").First.FillAsync("Slides: one spec, three formats");
        await nurul.ClickAndCheckAsync(nurul.GetByRole(AriaRole.Button, new() { Name = "Upload slides" }));
        await Assertions.Expect(nurul.Locator("main [role=status]")).ToContainTextAsync("Your slides are up");
        await Assertions.Expect(nurul.Locator("ul.materials-manage")).ToContainTextAsync("packaging-three-distros.pdf");
        await AssertFitsAsync(nurul, besidesNavigation: true);

        // A visitor, not signed in, finds them on the public session page, as a download.
        var visitor = await browser.NewPersonAsync(app.BaseUrl);
        await visitor.GotoCheckedAsync(new Uri(sessionPage).PathAndQuery);
        var slides = visitor.GetByRole(AriaRole.Link, new() { Name = "Slides: one spec, three formats" });
        await Assertions.Expect(slides).ToBeVisibleAsync();
        var href = await slides.GetAttributeAsync("href");
        var download = await visitor.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.StartsWith("attachment", download.Headers["content-disposition"]);
        Assert.Equal("application/pdf", download.Headers["content-type"]);
        await AssertFitsAsync(visitor);
    }

    /// <summary>No sideways scrolling on a phone (390 px) or a laptop (1280 px); signed-in pages leave out the shared navigation, as the social journey does.</summary>
    private static async Task AssertFitsAsync(IPage page, bool besidesNavigation = false)
    {
        foreach (var width in new[] { PageFit.Phone, PageFit.Laptop })
        {
            await page.SetViewportSizeAsync(width, 800);
            var culprits = await page.EvaluateAsync<string[]>("""
                skipNav => [...document.querySelectorAll('body *')].filter(el => !(skipNav && el.closest('nav'))
                        && !(el.parentElement && el.parentElement.closest('.overflow-auto'))
                        && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                        && !(el.parentElement && el.parentElement.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''))
                """, besidesNavigation);
            Assert.True(culprits.Length == 0, $"{page.Url} is wider than a {width} px window: {string.Join(", ", culprits)}");
            if (!besidesNavigation)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a {width} px window.");
            }
        }
    }
}
