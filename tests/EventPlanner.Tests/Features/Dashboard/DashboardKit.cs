using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>The demo event seeded once per test class, and its organiser signed in through the login form.</summary>
public static class DashboardKit
{
    public static async Task<DemoData> SeedDemoAsync(this EventPlannerApp app)
    {
        app.CreateClient(); // builds the host, which migrates the database
        return await DemoSeeder.SeedAsync(app.Services);
    }

    public static async Task<HttpClient> SignInDemoAsync(this EventPlannerApp app, DemoData data, string email)
    {
        var client = app.CreateBrowser();
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = data.Password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Demo login for {email} answered {(int)response.StatusCode}.");
        return client;
    }
}
