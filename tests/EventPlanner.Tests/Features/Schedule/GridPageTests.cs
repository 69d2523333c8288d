using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class GridPageTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static string GridUrl(ScheduleEvent e, string day = ScheduleKit.Day1) => $"/events/{e.Slug}/schedule/manage/{day}";

    [Fact]
    public async Task The_grid_shows_rooms_as_columns_placed_sessions_with_their_conflicts_and_the_unscheduled_list()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-view", organiserEmail: "grid-view@example.org");
        await e.PlaceAsync(await e.SessionAsync("Placed A"), e.Small, "10:00");
        var b = await e.PlaceAsync(await e.SessionAsync("Placed B"), e.Small, "10:10");
        var waiting = await e.SessionAsync("Waiting talk", trackId: e.Web);
        await e.SessionAsync("Coffee", "break", 15);
        var browser = await app.SignInAsync("grid-view@example.org");

        var html = await (await browser.GetAsync(GridUrl(e) + "?step=10")).HtmlAsync();

        Assert.Equal(["Janson", "K.1.105", "H.2215"], html.QuerySelectorAll(".sched-room strong").Select(x => x.TextContent));
        var card = html.QuerySelector($".sched-grid [data-session-id='{b.Id}']")!;
        Assert.Contains("Error:", card.TextContent);
        Assert.Contains("K.1.105 is also booked for \"Placed A\"", card.QuerySelector(".sched-conflicts")!.TextContent);
        Assert.Contains("2 errors", html.QuerySelector(".sched-summary")!.TextContent);
        Assert.NotNull(html.QuerySelector($"#unscheduled-list [data-session-id='{waiting.Id}']"));
        Assert.Equal(6, html.QuerySelectorAll(".sched-cell").Count(c => c.GetAttribute("data-room-id") == e.Small.ToString() && c.GetAttribute("data-start")!.StartsWith("09:")));
        Assert.NotNull(html.QuerySelector($".sched-cell[data-room-id='{e.Small}'][data-start='10:10'] [data-session-id='{b.Id}']"));
        Assert.Empty(html.QuerySelectorAll("script:not([src])"));

        var filtered = await (await browser.GetAsync(GridUrl(e) + "?type=break")).HtmlAsync();
        Assert.Equal(["Coffee"], filtered.QuerySelectorAll("#unscheduled-list h3").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task The_plain_move_form_places_a_session_without_javascript()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-form", organiserEmail: "grid-form@example.org");
        var talk = await e.SessionAsync("Form-moved talk");
        var browser = await app.SignInAsync("grid-form@example.org");

        var response = await browser.PostFormAsync(GridUrl(e) + "?handler=Move", new()
        {
            ["Move.SessionId"] = talk.Id.ToString(), ["Move.Version"] = talk.Version.ToString(),
            ["Move.RoomId"] = e.Medium.ToString(), ["Move.Day"] = ScheduleKit.Day2, ["Move.Start"] = "11:30",
        }, getUrl: GridUrl(e));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var moved = await e.GetAsync(talk.Id);
        Assert.Equal(("H.2215", ScheduleKit.Day2, "11:30"), (moved.Room, moved.Date, moved.Start));
        var page = await browser.GetStringAsync(response.LocationPath());
        Assert.Contains("Moved \"Form-moved talk\" in H.2215 on Sun 7 Feb at 11:30.", System.Net.WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task A_drop_saved_with_a_stale_version_answers_409_with_the_message_for_the_second_organiser()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-stale", organiserEmail: "grid-stale@example.org");
        var talk = await e.SessionAsync("Dragged talk");
        var browser = await app.SignInAsync("grid-stale@example.org");
        var page = await browser.GetStringAsync(GridUrl(e));
        await e.PlaceAsync(talk, e.Janson, "09:00"); // the other organiser, meanwhile

        var request = new HttpRequestMessage(HttpMethod.Post, GridUrl(e) + "?handler=Move")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Move.SessionId"] = talk.Id.ToString(), ["Move.Version"] = talk.Version.ToString(), ["Move.RoomId"] = e.Small.ToString(),
                ["Move.Day"] = ScheduleKit.Day1, ["Move.Start"] = "15:00", ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(page),
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Contains("Someone else changed \"Dragged talk\"", body.GetProperty("message").GetString());
        Assert.Equal("Janson", (await e.GetAsync(talk.Id)).Room);
    }

    [Fact]
    public async Task A_drop_answers_json_with_the_new_version_and_conflicts()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-json", organiserEmail: "grid-json@example.org");
        var talk = await e.SessionAsync("Early bird");
        var browser = await app.SignInAsync("grid-json@example.org");
        var page = await browser.GetStringAsync(GridUrl(e));

        var request = new HttpRequestMessage(HttpMethod.Post, GridUrl(e) + "?handler=Move")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Move.SessionId"] = talk.Id.ToString(), ["Move.Version"] = talk.Version.ToString(), ["Move.RoomId"] = e.Janson.ToString(),
                ["Move.Day"] = ScheduleKit.Day1, ["Move.Start"] = "07:00", ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(page),
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var body = await (await browser.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(talk.Version + 1, body.GetProperty("version").GetInt32());
        Assert.Equal("outside-opening-hours", body.GetProperty("conflicts")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Only_the_events_organisers_see_its_grid_and_session_pages()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-guard");
        var talk = await e.SessionAsync("Guarded");
        await app.UserAsync("grid-stranger@example.org");
        var stranger = await app.SignInAsync("grid-stranger@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFollowingAsync(GridUrl(e))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFollowingAsync($"/events/{e.Slug}/schedule/manage/sessions/{talk.Id}")).StatusCode);
    }

    [Fact]
    public async Task Organisers_add_a_lunch_through_the_form_and_see_what_runs_against_a_session()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-add", organiserEmail: "grid-add@example.org");
        var browser = await app.SignInAsync("grid-add@example.org");
        var response = await browser.PostFormAsync($"/events/{e.Slug}/schedule/manage/sessions/new", new()
        {
            ["Input.Kind"] = "lunch", ["Input.Title"] = "Lunch", ["Input.DurationMinutes"] = "60",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var talk = await e.PlaceAsync(await e.SessionAsync("Parallel talk"), e.Small, "12:30");
        var lunchId = long.Parse(response.LocationPath()!.Split('/').Last());
        var lunch = await e.PlaceAsync(await e.GetAsync(lunchId), e.Janson, "12:00");

        var html = await (await browser.GetAsync($"/events/{e.Slug}/schedule/manage/sessions/{lunch.Id}")).HtmlAsync();

        Assert.Equal("lunch", lunch.Kind);
        Assert.Contains("Parallel talk", html.QuerySelector("#up-against")!.ParentElement!.TextContent);
        Assert.NotNull(html.QuerySelector($"[data-session-id='{lunch.Id}']"));
        _ = talk;
    }

    [Fact]
    public async Task Organisers_add_a_series_of_slots_and_a_rooms_own_hours_through_forms()
    {
        var e = await ScheduleKit.CreateAsync(app, "grid-slots", organiserEmail: "grid-slots@example.org");
        var browser = await app.SignInAsync("grid-slots@example.org");
        var url = $"/events/{e.Slug}/schedule/manage/slots";

        var added = await browser.PostFormAsync(url + "?handler=Add", new()
        {
            ["Slot.Day"] = ScheduleKit.Day1, ["Slot.Starts"] = "10:00", ["Slot.Ends"] = "10:40", ["Slot.Repeat"] = "3", ["Slot.Gap"] = "5",
        }, getUrl: url);
        var hours = await browser.PostFormAsync(url + "?handler=Hours", new()
        {
            ["Hours.RoomId"] = e.Small.ToString(), ["Hours.Day"] = ScheduleKit.Day1, ["Hours.OpensAt"] = "12:00", ["Hours.ClosesAt"] = "17:00",
        }, getUrl: url);
        var bad = await browser.PostFormAsync(url + "?handler=Add", new() { ["Slot.Day"] = ScheduleKit.Day1, ["Slot.Starts"] = "11:00", ["Slot.Ends"] = "10:00" }, getUrl: url);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, hours.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The slot must end after it starts.", await bad.Content.ReadAsStringAsync());
        var slots = await e.Organiser.GetFromJsonAsync<List<EventPlanner.Web.Features.Schedule.SlotResponse>>($"{e.Api}/slots");
        Assert.Equal(["10:00-10:40", "10:45-11:25", "11:30-12:10"], slots!.Select(s => $"{s.Starts}-{s.Ends}"));
        var talk = await e.PlaceAsync(await e.SessionAsync("Morning in the side room", minutes: 40), e.Small, "10:00");
        Assert.Equal(["outside-opening-hours"], talk.Conflicts.Select(c => c.Kind));
    }
}
