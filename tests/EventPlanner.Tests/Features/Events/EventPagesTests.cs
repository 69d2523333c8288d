using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

public sealed class EventPagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Store => app.Services.GetRequiredService<EventStore>();

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
    public async Task The_public_page_shows_dates_in_the_events_zone_with_rooms_tracks_and_co_located_events()
    {
        var email = await app.UserAsync("public.page@example.org");
        var e = await app.CreateEventAsync("public-page", email, description: "A **community** meetup.");
        await app.CreateEventAsync("public-page-summit", email, parentSlug: "public-page");
        await app.CreateEventAsync("public-page-hidden", email, isPublic: false, parentSlug: "public-page");
        var v = new EventPlanner.Web.Infrastructure.Validator();
        await Store.AddRoomAsync(e.Id, ("Room Ubuntu", 60, "Lift beside the desk", 1), v);
        await Store.AddTrackAsync(e.Id, ("Security", "#d62728"), v);
        await Store.SetDayHoursAsync(e.Id, new DateOnly(2026, 11, 29), new TimeOnly(9, 30), new TimeOnly(17, 30));

        var response = await app.CreateClient().GetAsync("/events/public-page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        var main = html.QuerySelector("main")!;
        Assert.Equal("Event public-page", main.QuerySelector("h1")!.TextContent);
        Assert.Contains("Sat 28 Nov 2026", main.TextContent);
        Assert.Contains("Asia/Kuala_Lumpur (UTC+08:00)", main.TextContent);
        Assert.Contains("Sun 29 Nov 2026: 09:30 to 17:30", System.Text.RegularExpressions.Regex.Replace(main.TextContent, @"\s+", " "));
        Assert.Equal("community", main.QuerySelector(".event-description strong")!.TextContent);
        Assert.Contains("Lift beside the desk", main.QuerySelector("#rooms")!.ParentElement!.TextContent);
        Assert.Equal("background-color: #d62728", main.QuerySelector(".track-swatch")!.GetAttribute("style"));
        var coLocated = main.QuerySelectorAll("a[href^='/events/public-page-']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/events/public-page-summit"], coLocated);
        Assert.Null(main.QuerySelector("a[href='/events/public-page/manage']"));

        var child = await (await app.CreateClient().GetAsync("/events/public-page-summit")).HtmlAsync();
        Assert.NotNull(child.QuerySelector("main a[href='/events/public-page']"));
    }

    [Fact]
    public async Task Organisers_see_a_manage_link_on_the_public_page()
    {
        var email = await app.UserAsync("manage.link@example.org");
        await app.CreateEventAsync("manage-link", email);
        var organiser = await app.SignInAsync(email);

        var html = await (await organiser.GetAsync("/events/manage-link")).HtmlAsync();

        Assert.NotNull(html.QuerySelector("main a[href='/events/manage-link/manage']"));
    }

    [Fact]
    public async Task Script_and_event_handlers_in_the_markdown_are_inert_on_the_public_page()
    {
        const string hostile = """
            Hello <script>alert('x')</script> there.

            <img src="x" onerror="alert(1)">

            [click me](javascript:alert(2)) and <a href="#" onclick="alert(3)">this</a>

            <iframe src="https://evil.example"></iframe>
            """;
        await app.CreateEventAsync("hostile-markdown", await app.UserAsync("hostile@example.org"), description: hostile);

        var response = await app.CreateClient().GetAsync("/events/hostile-markdown");

        var html = await response.HtmlAsync();
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.Empty(html.QuerySelectorAll("iframe"));
        Assert.DoesNotContain(html.All, el => el.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(html.QuerySelectorAll("a[href^='javascript' i]"));
        Assert.Contains("Hello", html.QuerySelector(".event-description")!.TextContent);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Organisers_edit_details_and_the_days_follow_the_new_dates()
    {
        var email = await app.UserAsync("edit.details@example.org");
        await app.CreateEventAsync("edit-details", email);
        var organiser = await app.SignInAsync(email);

        var response = await organiser.PostFormAsync("/events/edit-details/manage",
            EventFields("ignored", "Renamed Conf", startsOn: "2026-11-29", endsOn: "2026-12-01", isPublic: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var e = await Store.FindAsync("edit-details");
        Assert.Equal(("Renamed Conf", false), (e!.Name, e.IsPublic));
        Assert.Equal([new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)],
            (await Store.ListPartsAsync(e.Id)).Days.Select(d => d.Date));
        Assert.Contains("The days now follow the new dates", await organiser.GetStringAsync("/events/edit-details/manage"));
    }

    [Fact]
    public async Task Organisers_set_opening_hours_for_every_day_at_once()
    {
        var email = await app.UserAsync("hours.page@example.org");
        var e = await app.CreateEventAsync("hours-page", email);
        var organiser = await app.SignInAsync(email);
        var fields = new Dictionary<string, string>
        {
            ["Days[0].Date"] = "2026-11-28", ["Days[0].OpensAt"] = "08:30", ["Days[0].ClosesAt"] = "19:00",
            ["Days[1].Date"] = "2026-11-29", ["Days[1].OpensAt"] = "10:00", ["Days[1].ClosesAt"] = "09:00",
        };

        var refused = await organiser.PostFormAsync("/events/hours-page/manage/days", fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.HtmlAsync();
        Assert.Contains("closing time must be after", html.QuerySelector("[data-valmsg-for='Days[1].ClosesAt']")!.TextContent);
        Assert.All((await Store.ListPartsAsync(e.Id)).Days, d => Assert.Equal(new TimeOnly(9, 0), d.OpensAt)); // nothing half-saved

        fields["Days[1].ClosesAt"] = "16:00";
        var saved = await organiser.PostFormAsync("/events/hours-page/manage/days", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([(new TimeOnly(8, 30), new TimeOnly(19, 0)), (new TimeOnly(10, 0), new TimeOnly(16, 0))],
            (await Store.ListPartsAsync(e.Id)).Days.Select(d => (d.OpensAt, d.ClosesAt)));
    }

    [Fact]
    public async Task Organisers_add_edit_and_remove_rooms_on_the_rooms_page()
    {
        var email = await app.UserAsync("rooms.page@example.org");
        var e = await app.CreateEventAsync("rooms-page", email);
        var organiser = await app.SignInAsync(email);
        const string page = "/events/rooms-page/manage/rooms";

        var added = await organiser.PostFormAsync($"{page}?handler=Save",
            new() { ["Input.Name"] = "Main Hall", ["Input.Capacity"] = "400", ["Input.AccessibilityNotes"] = "Step-free", ["Input.SortOrder"] = "0" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var room = (await Store.ListPartsAsync(e.Id)).Rooms.Single();

        var notANumber = await organiser.PostFormAsync($"{page}?handler=Save", new() { ["Input.Name"] = "Annex", ["Input.Capacity"] = "lots" }, getUrl: page);
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
        Assert.Contains("whole number", (await notANumber.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Capacity']")!.TextContent);

        var editForm = await (await organiser.GetAsync($"{page}?edit={room.Id}")).HtmlAsync();
        Assert.Equal("400", editForm.QuerySelector("#Input_Capacity")!.GetAttribute("value"));
        var edited = await organiser.PostFormAsync($"{page}?handler=Save",
            new() { ["Input.Id"] = room.Id.ToString(), ["Input.Name"] = "Main Hall", ["Input.Capacity"] = "350", ["Input.SortOrder"] = "0" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(350, (await Store.ListPartsAsync(e.Id)).Rooms.Single().Capacity);

        var removed = await organiser.PostFormAsync($"{page}?handler=Remove&id={room.Id}", new(), getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await Store.ListPartsAsync(e.Id)).Rooms);
    }

    [Fact]
    public async Task Organisers_add_and_remove_tracks_and_a_duplicate_name_is_a_field_message()
    {
        var email = await app.UserAsync("tracks.page@example.org");
        var e = await app.CreateEventAsync("tracks-page", email);
        var organiser = await app.SignInAsync(email);
        const string page = "/events/tracks-page/manage/tracks";

        await organiser.PostFormAsync($"{page}?handler=Save", new() { ["Input.Name"] = "Community", ["Input.Colour"] = "#2ca02c" }, getUrl: page);
        var duplicate = await organiser.PostFormAsync($"{page}?handler=Save", new() { ["Input.Name"] = "Community", ["Input.Colour"] = "#000000" }, getUrl: page);

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("already a track", (await duplicate.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent);
        var track = (await Store.ListPartsAsync(e.Id)).Tracks.Single();
        Assert.Equal(("Community", "#2ca02c"), (track.Name, track.Colour));

        await organiser.PostFormAsync($"{page}?handler=Remove&id={track.Id}", new(), getUrl: page);
        Assert.Empty((await Store.ListPartsAsync(e.Id)).Tracks);
    }

    [Fact]
    public async Task Organisers_add_a_reviewer_by_email_and_remove_them()
    {
        var email = await app.UserAsync("team.page@example.org");
        var e = await app.CreateEventAsync("team-page", email);
        var reviewer = await app.CreateUserAsync("team.page.reviewer@example.org", "Ravi Reviewer");
        var organiser = await app.SignInAsync(email);
        const string page = "/events/team-page/manage/team";

        var unknown = await organiser.PostFormAsync($"{page}?handler=Add", new() { ["Input.Email"] = "ghost@example.org", ["Input.Role"] = "reviewer" }, getUrl: page);
        Assert.Contains("No account uses", (await unknown.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);

        var added = await organiser.PostFormAsync($"{page}?handler=Add", new() { ["Input.Email"] = "team.page.reviewer@example.org", ["Input.Role"] = "reviewer" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Ravi Reviewer", await organiser.GetStringAsync(page));

        await organiser.PostFormAsync($"{page}?handler=Remove&userId={reviewer.Id}&role=reviewer", new(), getUrl: page);
        Assert.DoesNotContain(await Store.ListTeamAsync(e.Id), m => m.UserId == reviewer.Id);
    }

    [Fact]
    public async Task Removing_the_last_organiser_on_the_team_page_says_why_it_was_refused()
    {
        var email = await app.UserAsync("team.last@example.org");
        var e = await app.CreateEventAsync("team-last", email);
        var me = (await Store.ListTeamAsync(e.Id)).Single();
        var organiser = await app.SignInAsync(email);
        const string page = "/events/team-last/manage/team";

        var response = await organiser.PostFormAsync($"{page}?handler=Remove&userId={me.UserId}&role=organiser", new(), getUrl: page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("needs at least one organiser", (await response.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Single(await Store.ListTeamAsync(e.Id));
    }

    [Fact]
    public async Task Every_manage_page_has_one_h1_the_shared_nav_and_labelled_inputs()
    {
        var email = await app.UserAsync("a11y.manage@example.org");
        var e = await app.CreateEventAsync("a11y-manage", email);
        await Store.AddRoomAsync(e.Id, ("Hall", 10, "", 0), new EventPlanner.Web.Infrastructure.Validator());
        var organiser = await app.SignInAsync(email);

        foreach (var page in new[] { "", "/days", "/rooms", "/tracks", "/team" })
        {
            var html = await (await organiser.GetAsync($"/events/a11y-manage/manage{page}")).HtmlAsync();
            Assert.Single(html.QuerySelectorAll("h1"));
            Assert.NotNull(html.QuerySelector("main nav a[aria-current=page]"));
            foreach (var input in html.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea"))
            {
                var id = input.GetAttribute("id");
                var labelled = (id is not null && html.QuerySelector($"label[for='{id}']") is not null) || input.Closest("label") is not null;
                Assert.True(labelled, $"{page}: {input.OuterHtml} has no label");
            }
            Assert.All(html.QuerySelectorAll("main form[method=post]"), f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        }
    }
}
