using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

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
        Assert.Contains("locked", await fifth.Content.ReadAsStringAsync());

        var right = await browser.LogInAsync("mo@example.org", EventPlannerApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked", await right.Content.ReadAsStringAsync());
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ep.session")));
    }
}
