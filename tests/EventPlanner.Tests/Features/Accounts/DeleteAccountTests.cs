using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DeleteAccountTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_deleted_account_cannot_log_in_and_its_api_token_stops_working()
    {
        var api = await app.CreateApiClientAsync("yan@example.org");
        var browser = await app.SignInAsync("yan@example.org");

        var wrong = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = "not my password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not your current password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        var deleted = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/", deleted.Headers.Location?.ToString());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/profile")).StatusCode);
        var login = await app.CreateBrowser().LogInAsync("yan@example.org", EventPlannerApp.Password);
        Assert.Contains("do not match an account", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_only_administrator_cannot_delete_their_account()
    {
        await app.CreateUserAsync("zoe@example.org", admin: true);
        var browser = await app.SignInAsync("zoe@example.org");

        var response = await browser.PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only site administrator", await response.Content.ReadAsStringAsync());
        var login = await app.CreateBrowser().LogInAsync("zoe@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }
}
