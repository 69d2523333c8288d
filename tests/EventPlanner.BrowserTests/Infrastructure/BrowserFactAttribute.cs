namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>
/// A browser test: reported as skipped, with the reason, where Debian's chromium is not installed
/// (CI installs it; Playwright cannot download its own browsers here). Never silently passed.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = $"Chromium not found (looked for {string.Join(", ", Chromium.Candidates)}); install it with 'apt-get install chromium' or set CHROMIUM_PATH.";
        }
    }
}

public static class Chromium
{
    public static readonly string[] Candidates =
        [Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string? ExecutablePath { get; } = Candidates.FirstOrDefault(p => p.Length > 0 && File.Exists(p));
}
