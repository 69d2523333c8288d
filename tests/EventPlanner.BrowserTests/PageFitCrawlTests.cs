using System.Diagnostics;
using EventPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EventPlanner.BrowserTests;

/// <summary>
/// Issue 14: no page, for any role, is wider than the screen. Logs in as each demo role, follows links from the
/// role's landing pages breadth first, and measures each page at a phone's and a laptop's width.
/// </summary>
public sealed partial class PageFitCrawlTests(ITestOutputHelper output)
{
    private const string Slug = "fossmy-2026";

    // Enough to cover each role's own pages and keep the whole crawl within a few minutes on a shared two-core machine.
    // The organiser's navigation alone has about 20 links, so the organiser gets more: the pages those lead to (a
    // proposal, a session, a dinner's guests, a webhook's log) are where wide tables hide.
    private static readonly (string Role, string? Email, string[] Landing, int Pages)[] Roles =
    [
        ("anonymous", null, ["/", $"/events/{Slug}"], 20),
        ("attendee", "farah@demo.example.org", ["/", "/my/tickets", "/my/agenda"], 20),
        ("speaker", "arjun@demo.example.org", ["/", $"/events/{Slug}/proposals/mine", "/account/speaker-profile"], 20),
        ("reviewer", "priya@demo.example.org", ["/", $"/events/{Slug}/review"], 20),
        ("organiser", "aisyah@demo.example.org", [$"/events/{Slug}/manage", "/"], 45),
        ("check-in volunteer", "rizal@demo.example.org", [$"/events/{Slug}/check-in", "/"], 20),
        ("administrator", "siti@demo.example.org", ["/admin/settings", "/"], 20),
    ];

    [BrowserFact]
    public async Task Every_page_each_demo_role_reaches_fits_a_phone_and_a_laptop_answers_without_5xx_and_passes_axe()
    {
        await using var app = await AppProcess.StartAsync(null, "--demo");
        await using var browser = await BrowserSession.StartAsync();
        var password = app.DemoPassword();
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();

        foreach (var (role, email, landing, pages) in Roles)
        {
            var page = await browser.NewPersonAsync(app.BaseUrl);
            if (email is not null) await page.LogInAsync(email, password);
            var visited = await CrawlAsync(page, app.BaseUrl, role, landing, pages, problems);
            output.WriteLine($"{role}: {visited} pages, {clock.Elapsed.TotalSeconds:0}s so far");
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join("\n", problems)}");
    }

    private readonly HashSet<string> axeChecked = [];

    private async Task<int> CrawlAsync(IPage page, string baseUrl, string role, string[] landing, int budget, List<string> problems)
    {
        var queue = new Queue<string>(landing.Select(l => baseUrl + l));
        // One page of each kind per role: /inbox/56 and /inbox/32 are laid out by the same page, so the crawl's
        // budget goes to pages it has not seen yet.
        var seen = new HashSet<string>(queue.Select(Kind));
        var visited = 0;
        var headerChecked = false;
        while (queue.Count > 0 && visited < budget)
        {
            var url = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting"))
            {
                continue; // a file to save (a CSV behind a handler, say), not a page to lay out
            }
            visited++;
            var path = url[baseUrl.Length..];
            if (response is { Status: >= 500 }) { problems.Add($"[{role}] {path} answered {response.Status}"); continue; }
            if (response is { Ok: false }) output.WriteLine($"  [{role}] {path} answered {response.Status}");

            var laptop = await page.WidthAtAsync(PageFit.Laptop);
            var laptopCulprits = laptop > PageFit.Laptop ? await page.OverflowingAsync() : "";
            // axe once per kind of page, whoever reaches it first: another role sees the same page with another header,
            // and each role's header is checked on its first page, at both widths (a phone gets the menu).
            var firstOfRole = !headerChecked;
            headerChecked = true;
            var a11y = axeChecked.Add(Kind(path)) || firstOfRole ? await AxeProblemAsync(page) : null;
            var phone = await page.WidthAtAsync(PageFit.Phone);
            var phoneCulprits = phone > PageFit.Phone ? await page.OverflowingAsync() : "";
            if (firstOfRole) a11y ??= await AxeProblemAsync(page);
            output.WriteLine($"  [{role}] {path}: {phone} px at {PageFit.Phone}, {laptop} px at {PageFit.Laptop}");
            if (phone > PageFit.Phone) problems.Add($"[{role}] {path} is {phone} px wide at {PageFit.Phone} px: {phoneCulprits}");
            if (laptop > PageFit.Laptop) problems.Add($"[{role}] {path} is {laptop} px wide at {PageFit.Laptop} px: {laptopCulprits}");
            if (a11y is not null) problems.Add($"[{role}] {a11y}");

            foreach (var link in await page.PageLinksAsync(baseUrl))
            {
                if (seen.Add(Kind(link))) queue.Enqueue(link);
            }
        }
        return visited;
    }

    // The header's Log in link carries the page it is on (?returnUrl=…): the same login page whatever it carries.
    private static string Kind(string url) => Digits().Replace(TicketSecret().Replace(ReturnUrl().Replace(url, ""), "tk_"), "N");

    [System.Text.RegularExpressions.GeneratedRegex(@"\?returnUrl=[^&#]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReturnUrl();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    [System.Text.RegularExpressions.GeneratedRegex(@"tk_[A-Za-z0-9_-]+")]
    private static partial System.Text.RegularExpressions.Regex TicketSecret();

    private static async Task<string?> AxeProblemAsync(IPage page)
    {
        try
        {
            await page.AssertAccessibleAsync();
            return null;
        }
        catch (Xunit.Sdk.XunitException e)
        {
            return e.Message;
        }
    }
}
