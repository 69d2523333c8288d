using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

public sealed class LowRateLimitApp : EventPlannerApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EventPlanner:RateLimits:AuthPermitsPerMinute"] = "3",
    };
}

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LoginRateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task Login_posts_over_the_limit_are_answered_429()
    {
        await app.CreateUserAsync("ned@example.org");
        var browser = app.CreateBrowser();

        for (var i = 0; i < 3; i++)
        {
            var allowed = await browser.LogInAsync("ned@example.org", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var refused = await browser.LogInAsync("ned@example.org", EventPlannerApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        // The site's own page, not bare text.
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Slow down", page);
        Assert.Contains("<nav", page);
        // Reading the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);
    }
}
