using System.Net;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>Only the event's organisers see its dashboard; a role elsewhere grants nothing, and a hidden event is 404 to strangers.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OrganiserDashboardAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Only_the_events_organisers_get_its_dashboard()
    {
        await app.CreateEventAsync("dash-open", await app.UserAsync("dash.open@example.org"));
        await app.CreateEventAsync("dash-hidden", await app.UserAsync("dash.hidden@example.org"), isPublic: false);
        await app.CreateEventAsync("dash-other", await app.UserAsync("dash.other@example.org"));
        await app.GrantAsync("dash-open", await app.UserAsync("dash.reviewer@example.org"), EventRoles.Reviewer);
        var stranger = await app.CreateApiClientAsync("dash.stranger@example.org");
        var otherOrganiser = await app.CreateApiClientAsync("dash.other@example.org");
        var reviewer = await app.CreateApiClientAsync("dash.reviewer@example.org");

        Assert.Equal(HttpStatusCode.OK, (await (await app.CreateApiClientAsync("dash.open@example.org")).GetAsync("/api/events/dash-open/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/events/dash-open/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/events/dash-open/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOrganiser.GetAsync("/api/events/dash-open/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/events/dash-open/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/events/dash-hidden/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOrganiser.GetAsync("/api/events/dash-hidden/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/events/no-such-event/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_sends_visitors_to_log_in_and_hides_a_hidden_event()
    {
        await app.CreateEventAsync("dash-page", await app.UserAsync("dash.page@example.org"));
        await app.CreateEventAsync("dash-page-hidden", await app.UserAsync("dash.page.hidden@example.org"), isPublic: false);
        var stranger = await app.SignInAsync(await app.UserAsync("dash.page.stranger@example.org"));

        var anonymous = await app.CreateBrowser().GetAsync("/events/dash-page/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.LocationPath());
        Assert.Contains("dash-page%2Fdashboard", anonymous.LocationPath());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFollowingAsync("/events/dash-page/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/events/dash-page-hidden/dashboard")).StatusCode);
    }
}
