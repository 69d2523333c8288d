using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class KioskTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_kiosk_shows_now_and_next_per_room_by_the_clock_in_the_events_zone_and_highlights_room_changes()
    {
        var e = await ScheduleKit.CreateAsync(app, "kiosk");
        var first = await e.PlaceAsync(await e.SessionAsync("First in Janson"), e.Janson, "10:00");
        var second = await e.PlaceAsync(await e.SessionAsync("Second in Janson"), e.Janson, "10:30");
        var side = await e.PlaceAsync(await e.SessionAsync("Side room talk"), e.Medium, "11:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        await e.PlaceAsync(side, e.Small, "11:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T09:10:00Z")); // 10:10 in Brussels
        var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync($"/events/{e.Slug}/kiosk");
        var html = await response.HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10:10", html.QuerySelector(".kiosk-clock time")!.TextContent);
        var janson = html.QuerySelector($"tr[data-room-id='{e.Janson}']")!;
        Assert.Equal(first.Id.ToString(), janson.QuerySelector(".kiosk-now [data-session-id]")!.GetAttribute("data-session-id"));
        Assert.Equal(second.Id.ToString(), janson.QuerySelector(".kiosk-next [data-session-id]")!.GetAttribute("data-session-id"));
        var small = html.QuerySelector($"tr[data-room-id='{e.Small}']")!;
        Assert.Contains("Nothing right now", small.QuerySelector(".kiosk-now")!.TextContent);
        Assert.Contains("Room changed: was H.2215", small.QuerySelector(".kiosk-next .kiosk-moved")!.TextContent);
        Assert.Empty(html.QuerySelectorAll("a, form, script:not([src])"));
        Assert.Equal("30", html.Body!.GetAttribute("data-refresh-seconds")); // reloaded by /js/schedule/kiosk-refresh.js
        Assert.Contains("http-equiv=\"refresh\" content=\"30\"", html.Head!.QuerySelector("noscript")!.InnerHtml); // and without script

        app.Clock.SetUtcNow(DateTimeOffset.Parse("2027-02-06T09:45:00Z")); // 10:45
        var later = await (await anonymous.GetAsync($"/events/{e.Slug}/kiosk/{e.Janson}")).HtmlAsync();
        Assert.Single(later.QuerySelectorAll("tbody tr"));
        Assert.Contains("Second in Janson", later.QuerySelector(".kiosk-now")!.TextContent);
        Assert.Contains("No more sessions", later.QuerySelector(".kiosk-next")!.TextContent);
    }
}
