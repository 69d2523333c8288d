using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Security;

/// <summary>A role in one event grants nothing in another, and a reviewer is not an organiser.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventAccessTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Organiser_of_one_event_is_refused_on_another_through_the_api()
    {
        await app.CreateEventAsync("api-b", await app.UserAsync("api.b@example.org"));
        await app.CreateEventAsync("api-a", await app.UserAsync("api.a@example.org"));
        var organiserOfA = await app.CreateApiClientAsync("api.a@example.org");

        Assert.Equal(HttpStatusCode.OK, (await organiserOfA.GetAsync("/api/events/api-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiserOfA.GetAsync("/api/events/api-b")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiserOfA.PutAsJsonAsync("/api/events/api-b", EventTestData.Body("api-b", "Taken over"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiserOfA.PostAsJsonAsync("/api/events/api-b/rooms", new { name = "Sneaky", capacity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiserOfA.PostAsJsonAsync("/api/events/api-b/team", new { email = "api.a@example.org", role = "organiser" })).StatusCode);

        var b = await app.Services.GetRequiredService<EventStore>().FindAsync("api-b");
        Assert.Equal("Event api-b", b!.Name);
        Assert.Empty((await app.Services.GetRequiredService<VenueStore>().ListPartsAsync(b.Id)).Rooms);
    }

    [Fact]
    public async Task Organiser_of_one_event_is_refused_on_another_events_manage_pages()
    {
        await app.CreateEventAsync("page-b", await app.UserAsync("page.b@example.org"));
        await app.CreateEventAsync("page-a", await app.UserAsync("page.a@example.org"));
        var organiserOfA = await app.SignInAsync("page.a@example.org");

        Assert.Equal(HttpStatusCode.OK, (await organiserOfA.GetAsync("/events/page-a/manage")).StatusCode);
        foreach (var page in new[] { "", "/days", "/rooms", "/tracks", "/team" })
        {
            var response = await organiserOfA.GetFollowingAsync($"/events/page-b/manage{page}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // A form posted with a valid token from A's page still goes nowhere on B.
        var aRooms = await organiserOfA.GetStringAsync("/events/page-a/manage/rooms");
        var post = await organiserOfA.PostAsync("/events/page-b/manage/rooms?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Sneaky", ["Input.Capacity"] = "5", ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(aRooms),
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/access-denied", post.LocationPath());
        var b = await app.Services.GetRequiredService<EventStore>().FindAsync("page-b");
        Assert.Empty((await app.Services.GetRequiredService<VenueStore>().ListPartsAsync(b!.Id)).Rooms);
    }

    [Fact]
    public async Task A_slug_posted_in_the_form_cannot_point_a_manage_page_at_another_event()
    {
        await app.CreateEventAsync("route-b", await app.UserAsync("route.b@example.org"));
        await app.CreateEventAsync("route-a", await app.UserAsync("route.a@example.org"));
        var organiserOfA = await app.SignInAsync("route.a@example.org");

        var response = await organiserOfA.PostFormAsync("/events/route-a/manage/rooms?handler=Save",
            new() { ["slug"] = "route-b", ["Slug"] = "route-b", ["Input.Name"] = "Hall A", ["Input.Capacity"] = "50" },
            getUrl: "/events/route-a/manage/rooms");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var store = app.Services.GetRequiredService<EventStore>();
        var venue = app.Services.GetRequiredService<VenueStore>();
        Assert.Single((await venue.ListPartsAsync((await store.FindAsync("route-a"))!.Id)).Rooms);
        Assert.Empty((await venue.ListPartsAsync((await store.FindAsync("route-b"))!.Id)).Rooms);
    }

    [Fact]
    public async Task A_reviewer_of_an_event_is_refused_its_organiser_actions()
    {
        await app.CreateEventAsync("reviewed", await app.UserAsync("rev.owner@example.org"), isPublic: false);
        await app.GrantAsync("reviewed", await app.UserAsync("rev.only@example.org"), EventRoles.Reviewer);
        var reviewerApi = await app.CreateApiClientAsync("rev.only@example.org");
        var reviewerBrowser = await app.SignInAsync("rev.only@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerApi.GetAsync("/api/events/reviewed")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerApi.PutAsJsonAsync("/api/events/reviewed", EventTestData.Body("reviewed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerApi.PostAsJsonAsync("/api/events/reviewed/rooms", new { name = "R", capacity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerApi.PostAsJsonAsync("/api/events/reviewed/team", new { email = "rev.only@example.org", role = "organiser" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerBrowser.GetFollowingAsync("/events/reviewed/manage/team")).StatusCode);

        // ...yet the reviewer may read the hidden event's page, without a Manage link.
        var page = await reviewerBrowser.GetAsync("/events/reviewed");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("/events/reviewed/manage", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hidden_event_is_missing_from_the_public_list_and_not_found_for_strangers()
    {
        await app.CreateEventAsync("hidden-one", await app.UserAsync("hidden.owner@example.org"), isPublic: false);
        await app.UserAsync("hidden.stranger@example.org");

        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/events");
        Assert.DoesNotContain("hidden-one", list.EnumerateArray().Select(e => e.GetProperty("slug").GetString()));
        Assert.DoesNotContain("hidden-one", await app.CreateClient().GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync("/events/hidden-one")).StatusCode);
        var stranger = await app.SignInAsync("hidden.stranger@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/events/hidden-one")).StatusCode);

        var owner = await app.SignInAsync("hidden.owner@example.org");
        var page = await owner.GetAsync("/events/hidden-one");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Not public", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hidden_parent_is_not_named_on_its_public_childs_page()
    {
        await app.CreateEventAsync("secret-parent", await app.UserAsync("secret.parent@example.org"), isPublic: false);
        await app.CreateEventAsync("open-child", "secret.parent@example.org", parentSlug: "secret-parent");

        var html = await app.CreateClient().GetStringAsync("/events/open-child");

        Assert.DoesNotContain("secret-parent", html);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_the_login_page_from_manage_pages()
    {
        await app.CreateEventAsync("anon-target", await app.UserAsync("anon.owner@example.org"));
        var anonymous = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events/anon-target")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/events", EventTestData.Body("anon-new"))).StatusCode);
        var manage = await anonymous.GetAsync("/events/anon-target/manage");
        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
        Assert.StartsWith("/account/login", manage.LocationPath());
    }

    [Fact]
    public async Task Only_users_allowed_to_create_events_reach_the_create_form()
    {
        await app.UserAsync("plain.user@example.org");
        await app.UserAsync("site.admin@example.org", admin: true);

        var plain = await app.SignInAsync("plain.user@example.org");
        var admin = await app.SignInAsync("site.admin@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetFollowingAsync("/events/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/events/new")).StatusCode);
    }
}
