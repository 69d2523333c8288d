using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LockoutTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await app.CreateUserAsync("mo@example.org");
        var browser = app.CreateBrowser();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await browser.LogInAsync("mo@example.org", "wrong password " + i);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await browser.LogInAsync("mo@example.org", "wrong password 4");
        Assert.Contains("locked for 15 minutes", await fifth.Content.ReadAsStringAsync());

        var right = await browser.LogInAsync("mo@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked for 15 minutes", await right.Content.ReadAsStringAsync());
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ep.session")));
    }

    [Fact]
    public async Task A_locked_or_unconfirmed_account_answers_a_wrong_password_exactly_like_an_address_with_no_account()
    {
        static string Errors(string html) => string.Join("|", System.Text.RegularExpressions.Regex.Matches(html, "(?s)<div role=\"alert\" class=\"form-errors\">.*?</div>").Select(m => m.Value));
        await app.CreateUserAsync("locked.probe@example.org");
        var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++) await browser.LogInAsync("locked.probe@example.org", "wrong " + i);
        var unconfirmed = app.CreateBrowser();
        var registered = await unconfirmed.PostFormAsync("/account/register", new()
        {
            ["Input.Email"] = "unconfirmed.probe@example.org", ["Input.DisplayName"] = "Probe",
            ["Input.Password"] = EventPlannerApp.Password, ["Input.ConfirmPassword"] = EventPlannerApp.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var nobody = Errors(await (await app.CreateBrowser().LogInAsync("nobody.probe@example.org", "a guess")).Content.ReadAsStringAsync());
        var lockedGuess = Errors(await (await app.CreateBrowser().LogInAsync("locked.probe@example.org", "a guess")).Content.ReadAsStringAsync());
        var unconfirmedGuess = Errors(await (await app.CreateBrowser().LogInAsync("unconfirmed.probe@example.org", "a guess")).Content.ReadAsStringAsync());

        Assert.Contains("do not match an account", nobody);
        Assert.Equal(nobody, lockedGuess);
        Assert.Equal(nobody, unconfirmedGuess);
    }
}
