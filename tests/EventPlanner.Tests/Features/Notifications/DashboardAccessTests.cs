using System.Net;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DashboardAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_hangfire_dashboard_refuses_anyone_but_site_administrators()
    {
        await app.CreateUserAsync("jobs-admin@example.org", admin: true);
        await app.CreateUserAsync("jobs-user@example.org");
        var admin = await app.SignInAsync("jobs-admin@example.org");
        var user = await app.SignInAsync("jobs-user@example.org");
        var anonymous = app.CreateBrowser();

        var anon = await anonymous.GetAsync("/hangfire");
        var plain = await user.GetAsync("/hangfire");
        var plainApi = await user.GetAsync("/hangfire/stats");
        var allowed = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
        Assert.StartsWith("/account/login", anon.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.StartsWith("/account/access-denied", plain.Headers.Location!.PathAndQuery);
        Assert.NotEqual(HttpStatusCode.OK, plainApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("EventPlanner jobs", await allowed.Content.ReadAsStringAsync());
        // The relaxed script policy is for the dashboard only.
        Assert.Contains("'unsafe-inline'", allowed.Headers.GetValues("Content-Security-Policy").Single().Split("style-src")[0]);
        var home = await admin.GetAsync("/");
        Assert.DoesNotContain("'unsafe-inline'", home.Headers.GetValues("Content-Security-Policy").Single().Split("style-src")[0]);
    }
}
