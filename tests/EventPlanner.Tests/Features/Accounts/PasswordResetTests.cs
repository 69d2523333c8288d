using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PasswordResetTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private const string NewPassword = "a brand new passphrase";

    private static Dictionary<string, string> NewPasswordForm(string password = NewPassword) => new()
    {
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task The_emailed_link_sets_a_new_password_and_retires_the_old_one()
    {
        await app.CreateUserAsync("hana@example.org");
        var browser = app.CreateBrowser();

        var asked = await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "hana@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = app.LinkInLastMail("hana@example.org", "/account/reset-password");

        var reset = await browser.PostFormAsync(link, NewPasswordForm());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/login", reset.Headers.Location?.ToString());

        var old = await app.CreateBrowser().LogInAsync("hana@example.org", EventPlannerApp.Password);
        Assert.Contains("do not match an account", await old.Content.ReadAsStringAsync());
        var fresh = await app.CreateBrowser().LogInAsync("hana@example.org", NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);

        var reused = await app.CreateBrowser().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("reset link does not work", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_sends_nothing_to_it()
    {
        await app.CreateUserAsync("ivo@example.org");
        var browser = app.CreateBrowser();

        var known = await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "ivo@example.org" });
        var unknown = await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "ghost@example.org" });

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Contains("If an account uses that address", await browser.GetStringAsync(unknown.Headers.Location!.ToString()));
        Assert.NotNull(app.Mail.LastTo("ivo@example.org"));
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress == "ghost@example.org");
    }

    [Fact]
    public async Task A_bad_reset_token_is_refused_with_a_clear_message_and_the_password_stays()
    {
        await app.CreateUserAsync("jo@example.org");
        var browser = app.CreateBrowser();

        var shown = await browser.GetAsync("/account/reset-password?email=jo%40example.org&token=forged");
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains("reset link does not work", await shown.Content.ReadAsStringAsync());

        // The form page of a real link supplies the antiforgery token; the post carries a forged one.
        await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "jo@example.org" });
        var link = app.LinkInLastMail("jo@example.org", "/account/reset-password");
        var forged = await browser.PostFormAsync("/account/reset-password?email=jo%40example.org&token=forged", NewPasswordForm(), getUrl: link);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("reset link does not work", await forged.Content.ReadAsStringAsync());

        var login = await app.CreateBrowser().LogInAsync("jo@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task A_too_short_new_password_is_refused_and_the_link_still_works()
    {
        await app.CreateUserAsync("kai@example.org");
        var browser = app.CreateBrowser();
        await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "kai@example.org" });
        var link = app.LinkInLastMail("kai@example.org", "/account/reset-password");

        var weak = await browser.PostFormAsync(link, NewPasswordForm("short"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 10 characters", await weak.Content.ReadAsStringAsync());

        var good = await browser.PostFormAsync(link, NewPasswordForm());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Fact]
    public async Task A_reset_lifts_a_lockout()
    {
        await app.CreateUserAsync("lou@example.org");
        var browser = app.CreateBrowser();
        for (var i = 0; i < 5; i++) await browser.LogInAsync("lou@example.org", "wrong password " + i);
        var locked = await browser.LogInAsync("lou@example.org", EventPlannerApp.Password);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());

        await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = "lou@example.org" });
        var reset = await browser.PostFormAsync(app.LinkInLastMail("lou@example.org", "/account/reset-password"), NewPasswordForm());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var login = await app.CreateBrowser().LogInAsync("lou@example.org", NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }
}
