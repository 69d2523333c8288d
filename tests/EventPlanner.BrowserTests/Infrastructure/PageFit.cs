using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// What the page-fit checks share: the two widths every page must fit (a phone at the venue door, a laptop),
/// how wide a page really is, and which of its links a crawl may follow.
/// </summary>
public static class PageFit
{
    public const int Phone = 390;
    public const int Laptop = 1280;

    /// <summary>Sets the viewport width and answers how wide the document lays out (its scrollWidth).</summary>
    public static async Task<int> WidthAtAsync(this IPage page, int width)
    {
        await page.SetViewportSizeAsync(width, 844);
        return await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
    }

    /// <summary>
    /// No sideways scroll at a phone's or a laptop's width: the whole document (header and organisers' navigation
    /// included) lays out no wider than the viewport, checked with axe at each width too (a collapsed layout can hide
    /// a label). Leaves the page at the laptop's width. A wide table inside its own scrolling box is allowed: the
    /// box fits, so the document does not scroll.
    /// </summary>
    public static async Task AssertNoSidewaysScrollAsync(this IPage page)
    {
        foreach (var width in new[] { Phone, Laptop })
        {
            var measured = await page.WidthAtAsync(width);
            if (measured > width)
            {
                throw new Xunit.Sdk.XunitException($"{page.Url}: {measured} px wide in a {width} px viewport: {await page.OverflowingAsync()}.");
            }
            await page.AssertAccessibleAsync();
        }
    }

    /// <summary>
    /// The widest elements that stick out past the viewport, innermost first, as short tags: what to fix when a
    /// page is too wide.
    /// </summary>
    public static Task<string> OverflowingAsync(this IPage page) => page.EvaluateAsync<string>("""
        () => {
            const w = document.documentElement.clientWidth;
            const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w + 1
                && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1));
            return out.slice(0, 3).map(e => {
                const tag = e.outerHTML.slice(0, 90).replace(/\s+/g, ' ');
                return `${tag} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`;
            }).join('; ');
        }
        """);

    /// <summary>
    /// The page's same-origin links a person can follow with a plain GET and that answer a page: no log-out,
    /// downloads, exports, feeds, API or the Hangfire dashboard (its own third-party UI). Fragments dropped.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PageLinksAsync(this IPage page, string baseUrl)
    {
        // The page's own links (main) first, then the header's and footer's, which every page repeats: a crawl with a
        // budget reaches what this page leads to before the site-wide links.
        var hrefs = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main a[href]:not([download])'), ...document.querySelectorAll('a[href]:not([download])')]
                .map(a => a.href)
            """);
        var origin = new Uri(baseUrl);
        var links = new List<string>();
        foreach (var href in hrefs)
        {
            if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Authority != origin.Authority || uri.Scheme != origin.Scheme) continue;
            var path = uri.AbsolutePath.ToLowerInvariant();
            if (Skipped.Any(s => path.StartsWith(s)) || SkippedEndings.Any(e => path.EndsWith(e)) || path.Contains("/export")) continue;
            links.Add(uri.GetLeftPart(UriPartial.Query));
        }
        return links.Distinct().ToList();
    }

    private static readonly string[] Skipped = ["/account/logout", "/api/", "/api-docs/", "/openapi", "/hangfire", "/uploads/", "/lib/", "/css/", "/js/"];
    private static readonly string[] SkippedEndings = [".ics", ".xml", ".json", ".csv", ".atom", ".pdf", ".png", ".jpg", ".svg", ".ico", ".eml"];
}
