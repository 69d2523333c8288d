using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Social;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Privacy;

namespace EventPlanner.Tests.Features.Privacy;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PrivacySettingsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Theory]
    [InlineData("{\"retentionDays\": -1}")]
    [InlineData("{\"retentionDays\": 3651}")]
    [InlineData("{\"retentionDays\": null}")]
    [InlineData("{}")]
    public async Task Retention_out_of_range_is_a_400_with_the_field_and_nothing_is_saved(string body)
    {
        var e = await app.EventAsync();
        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}/privacy/retention", new { retentionDays = 30 })).EnsureSuccessStatusCode();

        var response = await e.Organiser.PutAsync($"/api/events/{e.Slug}/privacy/retention", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("retentionDays", await response.Content.ReadAsStringAsync());
        Assert.Equal(30, (await e.Organiser.GetFromJsonAsync<RetentionResponse>($"/api/events/{e.Slug}/privacy/retention"))!.RetentionDays);
    }

    [Fact]
    public async Task The_form_refuses_bad_days_with_a_400_and_the_message_by_the_field()
    {
        var e = await app.EventAsync();
        var browser = await app.SignInAsync(await OrganiserWithPasswordAsync(e));

        var bad = await browser.PostFormAsync($"/events/{e.Slug}/privacy/manage", new() { ["RetentionDays"] = "99999" });
        var words = await browser.PostFormAsync($"/events/{e.Slug}/privacy/manage", new() { ["RetentionDays"] = "a year" });
        var good = await browser.PostFormAsync($"/events/{e.Slug}/privacy/manage", new() { ["RetentionDays"] = "30" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("between 0 and 3650", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, words.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(30, (await e.Organiser.GetFromJsonAsync<RetentionResponse>($"/api/events/{e.Slug}/privacy/retention"))!.RetentionDays);
    }

    [Fact]
    public async Task Only_this_events_organisers_set_its_retention()
    {
        var e = await app.EventAsync();
        var other = await app.EventAsync();
        var attendee = await app.UserAsync();

        var byOtherOrganiser = await other.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}/privacy/retention", new { retentionDays = 0 });
        var byAttendee = await attendee.Api.PutAsJsonAsync($"/api/events/{e.Slug}/privacy/retention", new { retentionDays = 0 });
        var anonymous = await app.CreateClient().GetAsync($"/api/events/{e.Slug}/privacy/retention");

        Assert.Equal(HttpStatusCode.Forbidden, byOtherOrganiser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAttendee.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(RetentionRules.DefaultDays, (await e.Organiser.GetFromJsonAsync<RetentionResponse>($"/api/events/{e.Slug}/privacy/retention"))!.RetentionDays);
    }

    [Fact]
    public async Task The_privacy_page_follows_the_settings_and_is_linked_from_the_event_and_the_registration_form()
    {
        var social = await SocialKit.CreateAsync(app, "privacy-page");
        var slug = social.Slug;
        (await social.Organiser.PutAsJsonAsync($"/api/events/{slug}/privacy/retention", new { retentionDays = 30 })).EnsureSuccessStatusCode();
        var anonymous = app.CreateClient();

        var page = await anonymous.GetStringAsync($"/events/{slug}/privacy");
        var api = await anonymous.GetFromJsonAsync<PrivacyNotice>($"/api/events/{slug}/privacy");
        var eventPage = await anonymous.GetStringAsync($"/events/{slug}");

        Assert.Contains("<strong>30 days</strong>", page);
        Assert.Contains("6 April 2027", page); // last day 2027-03-06, then 30 days from 2027-03-07
        Assert.Contains("Call for papers", page);
        Assert.Contains("Social events", page);
        Assert.DoesNotContain("Tickets and check-in", page); // no ticket types yet
        Assert.Equal(new DateOnly(2027, 4, 6), api!.AnonymiseOn);
        Assert.Contains($"href=\"/events/{slug}/privacy\"", eventPage);

        (await social.Organiser.PostAsJsonAsync($"/api/events/{slug}/ticket-types", new { name = "Regular", quota = 10, price = 0, currency = "MYR" })).EnsureSuccessStatusCode();
        await app.CreateUserAsync("reader.privacy@example.org");
        var reader = await app.SignInAsync("reader.privacy@example.org");
        Assert.Contains("Tickets and check-in", await anonymous.GetStringAsync($"/events/{slug}/privacy"));
        Assert.Contains($"href=\"/events/{slug}/privacy\"", await reader.GetStringAsync($"/events/{slug}/tickets"));
    }

    [Fact]
    public async Task A_hidden_events_privacy_page_does_not_exist_for_strangers()
    {
        var e = await app.EventAsync(isPublic: false);
        var stranger = await app.UserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/events/{e.Slug}/privacy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/events/{e.Slug}/privacy")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.GetAsync($"/api/events/{e.Slug}/privacy")).StatusCode);
    }

    private async Task<string> OrganiserWithPasswordAsync(TestEvent e)
    {
        var email = TicketKit.Unique("orgpw") + "@example.org";
        await app.CreateUserAsync(email);
        await app.GrantAsync(e.Slug, email, "organiser");
        return email;
    }
}
