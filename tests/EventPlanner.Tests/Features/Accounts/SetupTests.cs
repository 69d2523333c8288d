using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SetupTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static Dictionary<string, string> Form(string email, string password = EventPlannerApp.Password) => new()
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = "Site Admin",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private string Token()
    {
        app.CreateClient(); // starts the host, which issues the link
        return app.Services.GetRequiredService<SetupLink>().CurrentToken ?? throw new InvalidOperationException("No set-up link was issued.");
    }

    [Fact]
    public async Task The_setup_link_creates_one_administrator_and_then_stops_working()
    {
        var url = $"/setup?token={Token()}";
        var browser = app.CreateBrowser();

        var wrong = await browser.GetAsync("/setup?token=not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("set-up link does not work", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);

        var weak = await browser.PostFormAsync(url, Form("root@example.org", "short"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 10 characters", await weak.Content.ReadAsStringAsync());

        var created = await browser.PostFormAsync(url, Form("root@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/settings")).StatusCode);
        Assert.Contains("href=\"/admin/settings\"", await browser.GetStringAsync("/"));

        var reused = await app.CreateBrowser().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
        Assert.Contains("set-up link does not work", await reused.Content.ReadAsStringAsync());
        var admins = await app.Services.GetRequiredService<AdminStore>().ListAdminsAsync();
        Assert.Equal("root@example.org", Assert.Single(admins).Email);

        // The new administrator's address counts as confirmed: the password logs in straight away.
        var login = await app.CreateBrowser().LogInAsync("root@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task A_normal_user_is_refused_the_admin_settings_and_sees_no_link_to_them()
    {
        await app.CreateUserAsync("sam@example.org");
        var browser = await app.SignInAsync("sam@example.org");

        var direct = await browser.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetFollowingAsync("/admin/settings")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/settings\"", await browser.GetStringAsync("/"));

        var anonymous = await app.CreateBrowser().GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.ToString());
    }
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SetupRaceTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Of_two_racing_setup_posts_exactly_one_makes_an_administrator()
    {
        app.CreateClient();
        var url = $"/setup?token={app.Services.GetRequiredService<SetupLink>().CurrentToken}";
        var first = app.CreateBrowser();
        var second = app.CreateBrowser();
        var firstToken = FormPosting.AntiforgeryFrom(await first.GetStringAsync(url));
        var secondToken = FormPosting.AntiforgeryFrom(await second.GetStringAsync(url));

        var responses = await Task.WhenAll(
            first.PostAsync(url, Form("one@example.org", firstToken)),
            second.PostAsync(url, Form("two@example.org", secondToken)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NotFound);
        Assert.Single(await app.Services.GetRequiredService<AdminStore>().ListAdminsAsync());
    }

    private static FormUrlEncodedContent Form(string email, string antiforgery) => new(new Dictionary<string, string>
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = email,
        ["Input.Password"] = EventPlannerApp.Password,
        ["Input.ConfirmPassword"] = EventPlannerApp.Password,
        ["__RequestVerificationToken"] = antiforgery,
    });
}
