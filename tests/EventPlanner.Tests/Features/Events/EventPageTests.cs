using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EventPageTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Store => app.Services.GetRequiredService<EventStore>();
    private VenueStore Venue => app.Services.GetRequiredService<VenueStore>();

    [Fact]
    public async Task The_public_page_shows_dates_in_the_events_zone_with_rooms_tracks_and_co_located_events()
    {
        var email = await app.UserAsync("public.page@example.org");
        var e = await app.CreateEventAsync("public-page", email, description: "A **community** meetup.");
        await app.CreateEventAsync("public-page-summit", email, parentSlug: "public-page");
        await app.CreateEventAsync("public-page-hidden", email, isPublic: false, parentSlug: "public-page");
        var v = new EventPlanner.Web.Infrastructure.Validator();
        await Venue.AddRoomAsync(e.Id, ("Room Ubuntu", 60, "Lift beside the desk", 1), v);
        await Venue.AddTrackAsync(e.Id, ("Security", "#d62728"), v);
        await Venue.SetDayHoursAsync(e.Id, new DateOnly(2026, 11, 29), new TimeOnly(9, 30), new TimeOnly(17, 30));

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

        // "Manage" opens the organisers' dashboard, their landing page for the event.
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
}
