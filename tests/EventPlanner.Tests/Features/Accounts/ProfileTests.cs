using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ProfileTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Changing_the_display_name_shows_at_once()
    {
        await app.CreateUserAsync("abe@example.org", "Abe");
        var browser = await app.SignInAsync("abe@example.org");

        var response = await browser.PostProfileAsync("DisplayName", new() { ["NameForm.DisplayName"] = "Abe Lincoln-Ng" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Abe Lincoln-Ng", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_display_name_changes_over_the_api_too_but_the_password_and_deletion_have_no_api()
    {
        var api = await app.CreateApiClientAsync("abi@example.org");

        var renamed = await api.PutAsJsonAsync("/api/me", new { displayName = "Abi Tan" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Abi Tan", (await renamed.Content.ReadFromJsonAsync<MeResponse>())!.DisplayName);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsJsonAsync("/api/me", new { displayName = "" })).StatusCode);
        Assert.Contains("Abi Tan", await (await app.SignInAsync("abi@example.org")).GetStringAsync("/"));

        var openapi = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("/api/me/password", openapi);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.DeleteAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_keeps_this_session()
    {
        await app.CreateUserAsync("bea@example.org");
        var browser = await app.SignInAsync("bea@example.org");
        Dictionary<string, string> Form(string current) => new()
        {
            ["PasswordForm.Current"] = current,
            ["PasswordForm.New"] = "another long passphrase",
            ["PasswordForm.ConfirmNew"] = "another long passphrase",
        };

        var wrong = await browser.PostProfileAsync("Password", Form("a guess at the password"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not your current password", await wrong.Content.ReadAsStringAsync());

        var changed = await browser.PostProfileAsync("Password", Form(EventPlannerApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/profile")).StatusCode);

        var old = await app.CreateBrowser().LogInAsync("bea@example.org", EventPlannerApp.Password);
        Assert.Contains("do not match an account", await old.Content.ReadAsStringAsync());
        var fresh = await app.CreateBrowser().LogInAsync("bea@example.org", "another long passphrase");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Profile_forms_posted_without_an_antiforgery_token_are_rejected()
    {
        var api = await app.CreateApiClientAsync("cat@example.org");
        var token = Assert.Single(await api.GetFromJsonAsync<List<ApiTokenResponse>>("/api/me/tokens") ?? []);
        var browser = await app.SignInAsync("cat@example.org");
        await browser.GetStringAsync("/account/profile"); // the browser holds the antiforgery cookie, as a victim's would
        var forged = new Dictionary<string, Dictionary<string, string>>
        {
            ["DisplayName"] = new() { ["NameForm.DisplayName"] = "Hijacked" },
            ["Password"] = new() { ["PasswordForm.Current"] = EventPlannerApp.Password, ["PasswordForm.New"] = "attacker passphrase", ["PasswordForm.ConfirmNew"] = "attacker passphrase" },
            ["CreateToken"] = new() { ["TokenForm.Name"] = "attacker" },
            ["Revoke"] = new() { ["id"] = token.Id.ToString() },
            ["Delete"] = new() { ["DeleteForm.Password"] = EventPlannerApp.Password },
        };

        foreach (var (handler, fields) in forged)
        {
            var response = await browser.PostAsync($"/account/profile?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{handler} answered {(int)response.StatusCode}");
        }

        var me = await api.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal("cat", me!.DisplayName);
        Assert.Single(await api.GetFromJsonAsync<List<ApiTokenResponse>>("/api/me/tokens") ?? []);
        var login = await app.CreateBrowser().LogInAsync("cat@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }
}
