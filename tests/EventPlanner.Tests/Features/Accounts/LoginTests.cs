using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LoginTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_confirmed_user_logs_in_and_the_layout_greets_them()
    {
        await app.CreateUserAsync("ana@example.org", "Ana Lee");

        var client = await app.SignInAsync("ana@example.org");

        var home = await client.GetStringAsync("/");
        Assert.Contains("Ana Lee", home);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_account_exists()
    {
        await app.CreateUserAsync("bo@example.org");
        var client = app.CreateBrowser();

        var wrong = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = "bo@example.org", ["Input.Password"] = "not the password" });
        var unknown = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = "nobody@example.org", ["Input.Password"] = "not the password" });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("do not match an account", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_is_rejected()
    {
        await app.CreateUserAsync("cy@example.org");
        var client = app.CreateBrowser();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "cy@example.org", ["Input.Password"] = EventPlannerApp.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ep.session")));
    }
}
