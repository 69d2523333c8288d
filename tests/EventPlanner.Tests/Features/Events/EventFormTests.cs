using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventFormTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Store => app.Services.GetRequiredService<EventStore>();
    private VenueStore Venue => app.Services.GetRequiredService<VenueStore>();

    private static Dictionary<string, string> EventFields(string slug, string name = "Form Conf", string startsOn = "2026-11-28", string endsOn = "2026-11-29",
        string description = "", string parent = "", bool isPublic = true) => new()
    {
        ["Input.Slug"] = slug, ["Input.Name"] = name, ["Input.StartsOn"] = startsOn, ["Input.EndsOn"] = endsOn,
        ["Input.TimeZone"] = "Asia/Kuala_Lumpur", ["Input.Venue"] = "Dewan Komuniti", ["Input.Description"] = description,
        ["Input.ParentSlug"] = parent, ["Input.IsPublic"] = isPublic ? "true" : "false",
    };

    [Fact]
    public async Task Creating_an_event_with_the_form_leads_to_its_manage_page()
    {
        var admin = await app.SignInAsync(await app.UserAsync("form.creator@example.org", admin: true));

        var response = await admin.PostFormAsync("/events/new", EventFields("form-made", "Form Made Conf"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/events/form-made/manage", response.LocationPath());
        var manage = await admin.GetStringAsync("/events/form-made/manage");
        Assert.Contains("Form Made Conf is created", manage);
        Assert.Contains("Nothing waits for you", manage); // the new event opens on its dashboard
        var created = await Store.FindAsync("form-made");
        Assert.Equal(("Form Made Conf", "Asia/Kuala_Lumpur", new DateOnly(2026, 11, 29)), (created!.Name, created.TimeZone, created.EndsOn));
    }

    [Fact]
    public async Task The_create_form_shows_each_message_next_to_its_field()
    {
        var admin = await app.SignInAsync(await app.UserAsync("form.mistakes@example.org", admin: true));
        var fields = EventFields("Not A Slug", startsOn: "2026-11-29", endsOn: "2026-11-28");
        fields["Input.TimeZone"] = "Mars/Olympus_Mons";

        var response = await admin.PostFormAsync("/events/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("lower-case letters", html.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        Assert.Contains("on or after the start date", html.QuerySelector("[data-valmsg-for='Input.EndsOn']")!.TextContent);
        Assert.Contains("not an IANA time zone", html.QuerySelector("[data-valmsg-for='Input.TimeZone']")!.TextContent);
        Assert.Equal("true", html.QuerySelector("#Input_Slug")!.GetAttribute("aria-invalid"));
        Assert.Null(html.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Form Conf", html.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.NotNull(html.QuerySelector("[role=alert]"));
        Assert.Null(await Store.FindAsync("Not A Slug"));
    }

    [Fact]
    public async Task The_form_offers_iana_zones_and_only_the_users_own_events_as_parents()
    {
        await app.CreateEventAsync("not-mine", await app.UserAsync("parent.stranger@example.org"));
        var email = await app.UserAsync("parent.picker@example.org", admin: true);
        await app.CreateEventAsync("mine-main", email);
        await app.CreateEventAsync("reviewing-only", "parent.stranger@example.org");
        await app.GrantAsync("reviewing-only", email, EventRoles.Reviewer);
        var browser = await app.SignInAsync(email);

        var html = await (await browser.GetAsync("/events/new")).HtmlAsync();

        var parents = html.QuerySelectorAll("#Input_ParentSlug option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "mine-main"], parents);
        var zones = html.QuerySelectorAll("#Input_TimeZone option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Asia/Kuala_Lumpur", zones);
        Assert.Contains("Europe/Brussels", zones);
        Assert.All(zones.Where(z => z != ""), z => Assert.True(TimeZoneInfo.FindSystemTimeZoneById(z!).HasIanaId, z));
    }

    [Fact]
    public async Task Organisers_edit_details_and_the_days_follow_the_new_dates()
    {
        var email = await app.UserAsync("edit.details@example.org");
        await app.CreateEventAsync("edit-details", email);
        var organiser = await app.SignInAsync(email);

        var response = await organiser.PostFormAsync("/events/edit-details/manage/details",
            EventFields("ignored", "Renamed Conf", startsOn: "2026-11-29", endsOn: "2026-12-01", isPublic: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var e = await Store.FindAsync("edit-details");
        Assert.Equal(("Renamed Conf", false), (e!.Name, e.IsPublic));
        Assert.Equal([new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)],
            (await Venue.ListPartsAsync(e.Id)).Days.Select(d => d.Date));
        Assert.Contains("The days now follow the new dates", await organiser.GetStringAsync("/events/edit-details/manage/details"));
    }
}
