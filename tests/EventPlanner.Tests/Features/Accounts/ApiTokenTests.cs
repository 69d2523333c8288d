using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ApiTokenTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private HttpClient ApiClient(string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task A_token_made_on_the_profile_page_works_on_the_api_until_it_is_revoked()
    {
        await app.CreateUserAsync("olga@example.org", "Olga");
        var browser = await app.SignInAsync("olga@example.org");

        var created = await browser.PostProfileAsync("CreateToken", new() { ["TokenForm.Name"] = "schedule export" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = AccountTestHelpers.NewTokenSecret(await created.Content.ReadAsStringAsync());
        var api = ApiClient(secret);

        var me = await api.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal("olga@example.org", me!.Email);

        var page = await browser.GetStringAsync("/account/profile");
        Assert.Contains("schedule export", page);
        Assert.Contains(secret[..10], page);
        Assert.DoesNotContain(secret, page);

        var token = Assert.Single(await api.GetFromJsonAsync<List<ApiTokenResponse>>("/api/me/tokens") ?? []);
        var revoked = await browser.PostProfileAsync("Revoke", new() { ["id"] = token.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Contains("revoked", await browser.GetStringAsync("/account/profile"));
    }

    [Fact]
    public async Task Another_users_token_cannot_be_revoked()
    {
        var victimApi = await app.CreateApiClientAsync("pia@example.org");
        var victimToken = Assert.Single(await victimApi.GetFromJsonAsync<List<ApiTokenResponse>>("/api/me/tokens") ?? []);
        await app.CreateUserAsync("quin@example.org");
        var attacker = await app.SignInAsync("quin@example.org");
        var attackerApi = await app.CreateApiClientAsync("quin@example.org");

        var byPage = await attacker.PostProfileAsync("Revoke", new() { ["id"] = victimToken.Id.ToString() });
        var byApi = await attackerApi.DeleteAsync($"/api/me/tokens/{victimToken.Id}");

        Assert.Equal(HttpStatusCode.NotFound, byPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victimApi.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("ep_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ep_")]
    public async Task A_made_up_bearer_token_is_refused(string secret)
    {
        var response = await ApiClient(secret).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_a_name_is_not_created()
    {
        await app.CreateUserAsync("rue@example.org");
        var browser = await app.SignInAsync("rue@example.org");

        var response = await browser.PostProfileAsync("CreateToken", new() { ["TokenForm.Name"] = "  " });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Token name is required", html);
        Assert.DoesNotContain("id=\"new-token\"", html);
        Assert.Contains("You have no API tokens", html);
    }
}
