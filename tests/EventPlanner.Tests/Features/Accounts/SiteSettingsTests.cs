using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Tests.Features.Accounts;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SiteSettingsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static EventInput NewEvent(string slug) =>
        new(slug, "Community Day", null, "Town hall", "Europe/Brussels", "2027-03-06", "2027-03-06", true, null);

    [Fact]
    public async Task Event_creation_opens_to_signed_in_users_only_when_an_administrator_says_so()
    {
        await app.CreateUserAsync("tess@example.org", admin: true);
        var admin = await app.SignInAsync("tess@example.org");
        var user = await app.CreateApiClientAsync("uma@example.org");

        var before = await user.PostJsonAsync("/api/events", NewEvent("community-day-1"));
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        var saved = await admin.PostFormAsync("/admin/settings?handler=EventCreation",
            new() { ["EventCreation"] = "AnySignedInUser" }, getUrl: "/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("value=\"AnySignedInUser\" checked", await admin.GetStringAsync("/admin/settings"));

        var after = await user.PostJsonAsync("/api/events", NewEvent("community-day-2"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_nonsense_event_creation_choice_is_refused()
    {
        await app.CreateUserAsync("vic@example.org", admin: true);
        var admin = await app.SignInAsync("vic@example.org");

        var response = await admin.PostFormAsync("/admin/settings?handler=EventCreation",
            new() { ["EventCreation"] = "7" }, getUrl: "/admin/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose who may create events", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_administrator_makes_an_existing_user_an_administrator_by_email()
    {
        await app.CreateUserAsync("wen@example.org", "Wen", admin: true);
        await app.CreateUserAsync("xia@example.org", "Xia");
        var admin = await app.SignInAsync("wen@example.org");
        var xia = await app.SignInAsync("xia@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await xia.GetAsync("/admin/settings")).StatusCode);

        var unknown = await admin.PostFormAsync("/admin/settings?handler=AddAdmin",
            new() { ["NewAdmin.Email"] = "nobody@example.org" }, getUrl: "/admin/settings");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("No account uses that email address", await unknown.Content.ReadAsStringAsync());

        var granted = await admin.PostFormAsync("/admin/settings?handler=AddAdmin",
            new() { ["NewAdmin.Email"] = "XIA@example.org" }, getUrl: "/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await xia.GetAsync("/admin/settings")).StatusCode);
        Assert.Contains("Xia (xia@example.org)", await admin.GetStringAsync("/admin/settings"));
    }
}
