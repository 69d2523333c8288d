using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// Playwright driving Debian's chromium. Every page a test visits goes through <see cref="AccessibilityChecks.GotoCheckedAsync"/> or <see cref="AccessibilityChecks.ClickAndCheckAsync"/>,
/// which runs axe and fails on serious or critical accessibility violations.
/// One chromium process serves the whole test run (launching one per test cost seconds each on a loaded two-core
/// CI machine); each session is a set of fresh browser contexts (profiles of their own, nothing shared between
/// tests) that it closes when disposed.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly SemaphoreSlim LaunchLock = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _shared;

    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserSession(IBrowser browser) => _browser = browser;

    public static async Task<BrowserSession> StartAsync() => new(await SharedBrowserAsync());

    /// <summary>The run's chromium, launched on first use, and again if it went away (a crash must not fail every later test).</summary>
    private static async Task<IBrowser> SharedBrowserAsync()
    {
        await LaunchLock.WaitAsync();
        try
        {
            if (_shared is { IsConnected: true }) return _shared;
            if (_playwright is null)
            {
                _playwright = await Playwright.CreateAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseShared();
            }
            _shared = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                // The closed network here refuses Chromium's background connections; don't make them.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
            });
            return _shared;
        }
        finally
        {
            LaunchLock.Release();
        }
    }

    private static void CloseShared()
    {
        try
        {
            if (_shared is { } browser) Task.Run(() => browser.CloseAsync()).Wait(TimeSpan.FromSeconds(5));
            _playwright?.Dispose();
        }
        catch (Exception)
        {
            // The test process is exiting; the Playwright driver ends chromium when its pipe closes anyway.
        }
    }

    /// <summary>A fresh browser profile (cookies of its own), as a separate person would have.</summary>
    public async Task<IPage> NewPersonAsync(string baseUrl)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        lock (_contexts) _contexts.Add(context);
        context.SetDefaultTimeout(30_000); // a 2-core CI machine under load can take over 15 s for a first page (view compilation, cold caches)
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        IBrowserContext[] contexts;
        lock (_contexts) contexts = [.. _contexts];
        foreach (var context in contexts)
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { } // already closed (a test may close its own), or the browser went away
        }
    }
}

public static class AccessibilityChecks
{
    // Only violations come back with every node; passes and the rest come back as one example each. The full results
    // of a large page (every passing node of every rule) were megabytes of JSON through the Playwright driver per check.
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    /// <summary>Runs axe on the page as it is now; throws listing every serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // In the page itself ("legacy" mode), not RunAxe's default: that one finishes every check in a new browser context
        // and page (axe's finishRun, for results across iframes) and injects axe's 550 KB twice, which made chromium and
        // the Playwright driver the largest CPU users of a CI run. Our pages have no iframes, so both modes run the same
        // rules on the same document; a page that gains one fails here until this goes back to RunAxe.
        if (page.Frames.Count > 1) throw new Xunit.Sdk.XunitException($"{page.Url} has an iframe: check it with RunAxe (every frame), not in-page.");
#pragma warning disable CS0618 // obsolete: kept by Deque for exactly this single-document case; the package version is pinned
        var result = await page.RunAxeLegacy(null, Options);
#pragma warning restore CS0618
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
