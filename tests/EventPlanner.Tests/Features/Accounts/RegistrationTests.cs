using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class RegistrationTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static Dictionary<string, string> Form(string email, string password = EventPlannerApp.Password, string? confirm = null) => new()
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = "Dana Reyes",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    [Fact]
    public async Task A_new_account_can_log_in_only_after_following_the_emailed_confirmation_link()
    {
        var browser = app.CreateBrowser();

        var registered = await browser.PostFormAsync("/account/register", Form("dana@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Check your email", await browser.GetStringAsync(registered.Headers.Location!.ToString()));
        var link = app.LinkInLastMail("dana@example.org", "/account/confirm");

        var early = await browser.LogInAsync("dana@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("confirm your email address first", await early.Content.ReadAsStringAsync());

        var confirmed = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Email confirmed", await confirmed.Content.ReadAsStringAsync());

        var login = await browser.LogInAsync("dana@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("Dana Reyes", await browser.GetStringAsync("/"));

        var again = await app.CreateBrowser().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("confirmation link does not work", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tampered_confirmation_link_is_refused_with_a_clear_message()
    {
        var browser = app.CreateBrowser();
        await browser.PostFormAsync("/account/register", Form("eli@example.org"));
        var link = app.LinkInLastMail("eli@example.org", "/account/confirm");

        var tampered = await browser.GetAsync(link.Replace("token=", "token=x"));
        var missing = await browser.GetAsync("/account/confirm");

        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("confirmation link does not work", await tampered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var login = await browser.LogInAsync("eli@example.org", EventPlannerApp.Password);
        Assert.Contains("confirm your email address first", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Identity_problems_are_shown_next_to_the_fields_and_nothing_is_sent()
    {
        await app.CreateUserAsync("taken@example.org");
        var browser = app.CreateBrowser();
        var mailBefore = app.Mail.Sent.Count;

        var shortPassword = await browser.PostFormAsync("/account/register", Form("fay@example.org", "short"));
        var mismatch = await browser.PostFormAsync("/account/register", Form("gus@example.org", confirm: "something else entirely"));

        Assert.Equal(HttpStatusCode.OK, shortPassword.StatusCode);
        Assert.Contains("at least 10 characters", await shortPassword.Content.ReadAsStringAsync());
        Assert.Contains("The two passwords are not the same", await mismatch.Content.ReadAsStringAsync());
        Assert.Equal(mailBefore, app.Mail.Sent.Count);
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_answers_as_for_a_new_one_and_mails_the_owner()
    {
        var owner = await app.CreateUserAsync("held@example.org", "Hana Held");
        var browser = app.CreateBrowser();

        var taken = await browser.PostFormAsync("/account/register", Form("Held@Example.org"));
        var fresh = await browser.PostFormAsync("/account/register", Form("new-one@example.org"));

        // No account-existence oracle: both are the same redirect to "check your mail".
        Assert.Equal(HttpStatusCode.Found, taken.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        var mail = await app.Mail.WaitForAsync("held@example.org", "already have");
        Assert.Contains("/account/forgot-password", mail.TextBody);
        Assert.Equal("Hana Held", (await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync("held@example.org"))!.DisplayName);
    }
}
