using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// Playwright driving Debian's chromium. Every page a test visits goes through <see cref="VisitedAsync"/>,
/// which runs axe and fails on serious or critical accessibility violations.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            // The closed network here refuses Chromium's background connections; don't make them.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh browser profile (cookies of its own), as a separate person would have.</summary>
    public async Task<IPage> NewPersonAsync(string baseUrl)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(30_000); // a 2-core CI machine under load can take over 15 s for a first page (view compilation, cold caches)
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

public static class AccessibilityChecks
{
    /// <summary>Runs axe on the page as it is now; throws listing every serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (bad.Count == 0) return;
        var lines = bad.Select(v => $"- [{v.Impact}] {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})");
        throw new Xunit.Sdk.XunitException($"Accessibility violations on {page.Url}:\n{string.Join("\n", lines)}");
    }

    /// <summary>Navigates and checks the page that arrives.</summary>
    public static async Task GotoCheckedAsync(this IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        if (response is { Ok: false }) throw new Xunit.Sdk.XunitException($"{url} answered {response.Status}");
        await page.AssertAccessibleAsync();
    }

    /// <summary>Clicks something that navigates, waits for the new page, and checks it.</summary>
    public static async Task ClickAndCheckAsync(this IPage page, ILocator target)
    {
        await target.ClickAsync();
        try
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // Once, under CI load, the wait missed a page that had arrived ("Load" and "NetworkIdle" logged, then a
            // timeout). The page itself decides: its load event, then the checks and the test's own auto-waiting asserts.
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        await page.AssertAccessibleAsync();
    }
}
