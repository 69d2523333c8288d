using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ManagePagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Store => app.Services.GetRequiredService<EventStore>();
    private VenueStore Venue => app.Services.GetRequiredService<VenueStore>();
    private TeamStore Members => app.Services.GetRequiredService<TeamStore>();

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
        Assert.All((await Venue.ListPartsAsync(e.Id)).Days, d => Assert.Equal(new TimeOnly(9, 0), d.OpensAt)); // nothing half-saved

        fields["Days[1].ClosesAt"] = "16:00";
        var saved = await organiser.PostFormAsync("/events/hours-page/manage/days", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([(new TimeOnly(8, 30), new TimeOnly(19, 0)), (new TimeOnly(10, 0), new TimeOnly(16, 0))],
            (await Venue.ListPartsAsync(e.Id)).Days.Select(d => (d.OpensAt, d.ClosesAt)));
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
        var room = (await Venue.ListPartsAsync(e.Id)).Rooms.Single();

        var notANumber = await organiser.PostFormAsync($"{page}?handler=Save", new() { ["Input.Name"] = "Annex", ["Input.Capacity"] = "lots" }, getUrl: page);
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
        Assert.Contains("whole number", (await notANumber.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Capacity']")!.TextContent);
        // A whole number too large for the field is still a number: the message says what range is taken.
        var tooLarge = await organiser.PostFormAsync($"{page}?handler=Save", new() { ["Input.Name"] = "Annex", ["Input.Capacity"] = "99999999999999999999" }, getUrl: page);
        Assert.Equal(HttpStatusCode.OK, tooLarge.StatusCode);
        Assert.Contains("between 0 and 100000", (await tooLarge.HtmlAsync()).QuerySelector("[data-valmsg-for='Input.Capacity']")!.TextContent);

        var editForm = await (await organiser.GetAsync($"{page}?edit={room.Id}")).HtmlAsync();
        Assert.Equal("400", editForm.QuerySelector("#Input_Capacity")!.GetAttribute("value"));
        var edited = await organiser.PostFormAsync($"{page}?handler=Save",
            new() { ["Input.Id"] = room.Id.ToString(), ["Input.Name"] = "Main Hall", ["Input.Capacity"] = "350", ["Input.SortOrder"] = "0" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(350, (await Venue.ListPartsAsync(e.Id)).Rooms.Single().Capacity);

        // Removing asks first (tests/…/Dashboard/RoomRemovalTests has the counts); the confirmation's form carries its stamp.
        var confirm = await (await organiser.GetAsync($"{page}?remove={room.Id}")).HtmlAsync();
        var stamp = confirm.QuerySelector("section.confirm-step input[name='stamp']")!.GetAttribute("value")!;
        var removed = await organiser.PostFormAsync($"{page}?handler=Remove&id={room.Id}", new() { ["stamp"] = stamp }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await Venue.ListPartsAsync(e.Id)).Rooms);
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
        var track = (await Venue.ListPartsAsync(e.Id)).Tracks.Single();
        Assert.Equal(("Community", "#2ca02c"), (track.Name, track.Colour));

        await organiser.ConfirmAsync($"{page}?handler=Remove&id={track.Id}", new(), getUrl: page);
        Assert.Empty((await Venue.ListPartsAsync(e.Id)).Tracks);
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

        await organiser.ConfirmAsync($"{page}?handler=Remove&userId={reviewer.Id}&role=reviewer", new(), getUrl: page);
        Assert.DoesNotContain(await Members.ListTeamAsync(e.Id), m => m.UserId == reviewer.Id);
    }

    [Fact]
    public async Task Removing_the_last_organiser_on_the_team_page_says_why_it_was_refused()
    {
        var email = await app.UserAsync("team.last@example.org");
        var e = await app.CreateEventAsync("team-last", email);
        var me = (await Members.ListTeamAsync(e.Id)).Single();
        var organiser = await app.SignInAsync(email);
        const string page = "/events/team-last/manage/team";

        var response = await organiser.PostFormAsync($"{page}?handler=Remove&userId={me.UserId}&role=organiser", new(), getUrl: page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("needs at least one organiser", (await response.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Single(await Members.ListTeamAsync(e.Id));
    }

    [Fact]
    public async Task Every_manage_page_has_one_h1_the_shared_nav_and_labelled_inputs()
    {
        var email = await app.UserAsync("a11y.manage@example.org");
        var e = await app.CreateEventAsync("a11y-manage", email);
        await Venue.AddRoomAsync(e.Id, ("Hall", 10, "", 0), new EventPlanner.Web.Infrastructure.Validator());
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
