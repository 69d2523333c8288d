using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EventPlanner.BrowserTests.Infrastructure;

/// <summary>Steps many journeys share, done through the pages as a person would (axe-checked on the way).</summary>
public static partial class Journeys
{
    public const string Password = "a long enough passphrase";

    /// <summary>Registers, follows the emailed confirmation link, and logs in.</summary>
    public static async Task RegisterAndLogInAsync(this IPage page, AppProcess app, string email, string name)
    {
        await page.GotoCheckedAsync("/account/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        await page.GotoCheckedAsync(await app.WaitForMailLinkAsync(email, "/account/confirm"));
        await page.LogInAsync(email, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    public static async Task LogInAsync(this IPage page, string email, string password)
    {
        await page.GotoCheckedAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.ClickAndCheckAsync(page.GetByRole(AriaRole.Button, new() { Name = "Log in" }));
    }

    /// <summary>
    /// The shared demo password the app printed when started with --demo. Waited for, up to 30 s: the app can answer
    /// /healthz before its output reader has handed over the logins' line (a loaded CI run found none, once).
    /// </summary>
    public static string DemoPassword(this AppProcess app)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (DemoPasswordPattern().Match(app.Output) is { Success: true } m) return m.Value;
            if (DateTime.UtcNow > until) throw new InvalidOperationException("The app printed no demo logins:\n" + app.Output);
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"demo-[a-z0-9]{12}")]
    private static partial Regex DemoPasswordPattern();
}
