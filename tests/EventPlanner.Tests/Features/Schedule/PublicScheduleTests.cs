using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class PublicScheduleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static async Task ReleaseAsync(ScheduleEvent e) =>
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_long_session_spans_its_rows_in_the_public_grid_and_its_times_and_length_are_written_out()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-span");
        var workshop = await e.PlaceAsync(await e.SessionAsync("Long workshop", minutes: 90), e.Janson, "10:00");
        await e.PlaceAsync(await e.SessionAsync("First short talk"), e.Small, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Second short talk"), e.Small, "10:30");
        await ReleaseAsync(e);

        var html = await (await app.CreateClient().GetAsync($"/events/{e.Slug}/schedule")).HtmlAsync();

        var card = html.QuerySelector($".sched-public-grid [data-session-id='{workshop.Id}']")!;
        // Rows start at 10:00, 10:30 and 11:00 (where the short talks start and end): the workshop's cell spans all three.
        Assert.Equal(["10:00", "10:30", "11:00"], html.QuerySelectorAll(".sched-public-grid tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal("3", card.ParentElement!.GetAttribute("rowspan"));
        Assert.Contains("10:00–11:30 (90 min)", card.TextContent);
        // Every row has one cell per room once the spanned ones are counted: no room appears free beside the workshop.
        var rooms = html.QuerySelectorAll(".sched-public-grid thead th").Length - 1;
        Assert.Equal([rooms + 1, rooms, rooms], html.QuerySelectorAll(".sched-public-grid tbody tr").Select(tr => tr.Children.Length));
        Assert.NotNull(html.QuerySelector(".sched-grid-hint a[href*='view=list']"));
    }

    [Fact]
    public async Task The_public_schedule_shows_only_the_released_version()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-released");
        var talk = await e.PlaceAsync(await e.SessionAsync("Released talk"), e.Janson, "10:00");
        var anonymous = app.CreateClient();
        Assert.Contains("has not been published yet", await anonymous.GetStringAsync($"/events/{e.Slug}/schedule"));

        await ReleaseAsync(e);
        await e.PlaceAsync(talk, e.Small, "11:00");
        await e.PlaceAsync(await e.SessionAsync("Unreleased talk"), e.Medium, "10:00");
        var html = await (await anonymous.GetAsync($"/events/{e.Slug}/schedule")).HtmlAsync();

        var cell = html.QuerySelector($"[data-session-id='{talk.Id}']")!;
        Assert.Contains("Released talk", cell.TextContent);
        Assert.Equal("10:00", html.QuerySelector("tbody th")!.TextContent.Trim());
        Assert.DoesNotContain("Unreleased talk", html.DocumentElement.TextContent);
        Assert.Empty(html.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task A_release_replaces_the_cached_public_grid_at_once()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-cache");
        var talk = await e.PlaceAsync(await e.SessionAsync("Cached talk"), e.Janson, "10:00");
        await ReleaseAsync(e);
        var anonymous = app.CreateClient();
        var first = await anonymous.GetStringAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}");
        Assert.Contains("10:00", first);

        await e.PlaceAsync(talk, e.Janson, "14:00");
        Assert.Equal(first, await anonymous.GetStringAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}")); // unreleased: same page
        await ReleaseAsync(e);
        var html = await (await anonymous.GetAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}")).HtmlAsync();

        Assert.Equal("14:00", html.QuerySelector("tbody th")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_public_grid_is_rendered_once_for_anonymous_readers_and_fresh_for_signed_in_ones()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-once");
        await e.PlaceAsync(await e.SessionAsync("Once talk"), e.Janson, "10:00");
        await ReleaseAsync(e);
        var anonymous = app.CreateClient();
        var url = $"/events/{e.Slug}/schedule/{ScheduleKit.Day1}";

        var first = await anonymous.GetAsync(url);
        var second = await anonymous.GetAsync(url);
        await app.UserAsync("pub-once-reader@example.org");
        var reader = await app.SignInAsync("pub-once-reader@example.org");
        await reader.GetAsync(url);
        var signedIn = await reader.GetAsync(url);

        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "the second anonymous request should be served from the output cache");
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.False(signedIn.Headers.Contains("Age"));
        Assert.Contains(">Star<", await signedIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_hidden_events_schedule_pages_do_not_exist_for_strangers()
    {
        await app.UserAsync("hidden-org@example.org");
        await app.CreateEventAsync("pub-hidden", "hidden-org@example.org", isPublic: false);
        var anonymous = app.CreateClient();
        foreach (var path in new[] { "schedule", "changes", "sessions/1", "speakers/1", "kiosk", "schedule.json" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/events/pub-hidden/{path}")).StatusCode);
        }
        var organiser = await app.SignInAsync("hidden-org@example.org");
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/events/pub-hidden/schedule")).StatusCode);
    }

    [Fact]
    public async Task Readers_filter_by_track_and_room_search_and_switch_to_a_list()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-filter");
        await ScheduleKit.SpeakerAsync(app, "grace@example.org", "Grace Hopper");
        await e.PlaceAsync(await e.SessionAsync("Schedulers in depth", trackId: e.Kernel, speakers: ["grace@example.org"]), e.Janson, "10:00");
        await e.PlaceAsync(await e.SessionAsync("CSS grids", trackId: e.Web), e.Small, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Lunch", "lunch", 60), e.Janson, "12:00");
        await ReleaseAsync(e);
        var anonymous = app.CreateClient();
        async Task<List<string>> Titles(string query) => (await (await anonymous.GetAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}?{query}")).HtmlAsync())
            .QuerySelectorAll("[data-session-id] a").Select(a => a.TextContent.Trim()).ToList();

        Assert.Equal(["Schedulers in depth", "CSS grids", "Lunch"], await Titles(""));
        Assert.Equal(["CSS grids"], await Titles($"track={e.Web}"));
        Assert.Equal(["Schedulers in depth", "Lunch"], await Titles($"room={e.Janson}"));
        Assert.Equal(["Schedulers in depth"], await Titles("q=grace"));
        var list = await (await anonymous.GetAsync($"/events/{e.Slug}/schedule/{ScheduleKit.Day1}?view=list")).HtmlAsync();
        Assert.Equal(["10:00", "12:00"], list.QuerySelectorAll("main section h3").Select(h => h.TextContent.Trim()));
        Assert.Null(list.QuerySelector("table"));
    }

    [Fact]
    public async Task A_session_page_lists_what_runs_against_it_and_links_its_speakers_pages()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-session");
        var speakerId = await ScheduleKit.SpeakerAsync(app, "linus@example.org", "Linus T");
        var main = await e.PlaceAsync(await e.SessionAsync("Main talk", speakers: ["linus@example.org"]), e.Janson, "10:00");
        await e.PlaceAsync(await e.SessionAsync("Parallel talk"), e.Small, "10:15");
        await e.PlaceAsync(await e.SessionAsync("Later talk"), e.Small, "11:00");
        await e.PlaceAsync(await e.SessionAsync("Second by Linus", speakers: ["linus@example.org"]), e.Medium, "14:00", ScheduleKit.Day2);
        await ReleaseAsync(e);
        var anonymous = app.CreateClient();

        var page = await (await anonymous.GetAsync($"/events/{e.Slug}/sessions/{main.Id}")).HtmlAsync();
        Assert.Equal(["Parallel talk"], page.QuerySelectorAll("#up-against + ul li a").Select(a => a.TextContent));
        Assert.NotNull(page.QuerySelector($"a[href='/events/{e.Slug}/speakers/{speakerId}']"));

        var speaker = await (await anonymous.GetAsync($"/events/{e.Slug}/speakers/{speakerId}")).HtmlAsync();
        Assert.Equal("Linus T", speaker.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Main talk", "Second by Linus"], speaker.QuerySelectorAll("#sessions + ul li a").Select(a => a.TextContent));
        var ics = Ical.Net.Calendar.Load(await anonymous.GetStringAsync($"/events/{e.Slug}/speakers/{speakerId}/sessions.ics"))!;
        Assert.Equal(2, ics.Events.Count);
    }

    [Fact]
    public async Task An_attendee_stars_a_session_finds_it_in_their_agenda_and_subscribes_with_a_revocable_secret_address()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-agenda");
        var talk = await e.PlaceAsync(await e.SessionAsync("Starred talk"), e.Janson, "10:00");
        await ReleaseAsync(e);
        await app.UserAsync("attendee-agenda@example.org");
        var attendee = await app.SignInAsync("attendee-agenda@example.org");

        var star = await attendee.PostFormAsync($"/events/{e.Slug}/sessions/{talk.Id}?handler=Star", new(), getUrl: $"/events/{e.Slug}/sessions/{talk.Id}");
        Assert.Equal(HttpStatusCode.Redirect, star.StatusCode);
        var agenda = await (await attendee.GetAsync("/my/agenda")).HtmlAsync();
        Assert.Equal("Starred talk", agenda.QuerySelector($"[data-session-id='{talk.Id}'] a")!.TextContent);
        Assert.Equal(1, (await e.GetAsync(talk.Id)).Stars); // interest counts towards the expected audience

        var created = await attendee.PostFormAsync("/my/agenda?handler=Feed", new(), getUrl: "/my/agenda");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var feedUrl = (await (await attendee.GetAsync("/my/agenda")).HtmlAsync()).QuerySelector(".token-secret a")!.GetAttribute("href")!;
        var path = new Uri(feedUrl).PathAndQuery;
        var calendar = Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync(path))!;
        Assert.Equal("Starred talk", Assert.Single(calendar.Events).Summary);

        await attendee.PostFormAsync("/my/agenda?handler=Revoke", new(), getUrl: "/my/agenda");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(path)).StatusCode);

        await attendee.PostFormAsync($"/events/{e.Slug}/sessions/{talk.Id}?handler=Unstar", new(), getUrl: $"/events/{e.Slug}/sessions/{talk.Id}");
        Assert.Null((await (await attendee.GetAsync("/my/agenda")).HtmlAsync()).QuerySelector($"[data-session-id='{talk.Id}']"));
    }

    [Fact]
    public async Task The_agenda_api_stars_only_released_sessions()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-agenda-api");
        var released = await e.PlaceAsync(await e.SessionAsync("In the release"), e.Janson, "10:00");
        await ReleaseAsync(e);
        var draft = await e.PlaceAsync(await e.SessionAsync("Not yet released"), e.Small, "10:00");
        var api = await app.CreateApiClientAsync("agenda-api@example.org");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync($"/api/events/{e.Slug}/agenda/{released.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsync($"/api/events/{e.Slug}/agenda/{draft.Id}", null)).StatusCode);
        var items = await api.GetFromJsonAsync<List<EventPlanner.Web.Features.Schedule.AgendaItem>>("/api/my/agenda");
        Assert.Equal("In the release", Assert.Single(items!).Title);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/my/agenda")).StatusCode);
    }

    [Fact]
    public async Task Unstarring_through_the_api_is_404_for_an_unknown_or_hidden_event_like_every_event_route()
    {
        var e = await ScheduleKit.CreateAsync(app, "pub-agenda-hidden");
        var talk = await e.PlaceAsync(await e.SessionAsync("Soon hidden"), e.Janson, "10:00");
        await ReleaseAsync(e);
        var api = await app.CreateApiClientAsync("agenda-hidden@example.org");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync($"/api/events/{e.Slug}/agenda/{talk.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/events/{e.Slug}/agenda/{talk.Id}")).StatusCode);

        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}", new { isPublic = false })).EnsureSuccessStatusCode();
        await Task.Delay(EventPlanner.Web.Features.Schedule.ReleaseCache.Freshness + TimeSpan.FromMilliseconds(200)); // the release cache's bound on a hidden event

        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/events/{e.Slug}/agenda/{talk.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/events/no-such-event/agenda/{talk.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await e.Organiser.DeleteAsync($"/api/events/{e.Slug}/agenda/{talk.Id}")).StatusCode);
    }
}
