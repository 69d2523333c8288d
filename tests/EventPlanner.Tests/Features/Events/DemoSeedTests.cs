using System.Net;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoSeedTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<DemoData> SeedAsync()
    {
        app.CreateClient(); // builds the host, which migrates the database
        return await DemoSeeder.SeedAsync(app.Services);
    }

    private async Task<string> CountsAsync()
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var tables = new[] { "users", "events", "event_days", "rooms", "tracks", "event_roles", "site_settings" };
        var counts = new List<string>();
        foreach (var t in tables) counts.Add($"{t}={await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {t}")}");
        return string.Join(", ", counts);
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        await SeedAsync();
        var afterFirst = await CountsAsync();

        var second = await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(0, second.Added);
        Assert.Equal(afterFirst, await CountsAsync());
        Assert.Equal(DemoEvent.Slug, second.Event?.Slug);
        Assert.Equal(15, second.Logins.Count);
    }

    [Fact]
    public async Task The_demo_has_people_in_every_role()
    {
        var data = await SeedAsync();

        Assert.True(data.Admin!.IsAdmin);
        Assert.Equal((2, 3, 4, 4), (data.Organisers.Count, data.Reviewers.Count, data.Speakers.Count, data.Attendees.Count));
        var team = await app.Services.GetRequiredService<TeamStore>().ListTeamAsync(data.Event!.Id);
        Assert.Equal(data.Organisers.Select(u => u.Email).Order(), team.Where(m => m.Role == "organiser").Select(m => m.Email).Order());
        Assert.Equal(data.Reviewers.Select(u => u.Email).Order(), team.Where(m => m.Role == "reviewer").Select(m => m.Email).Order());
    }

    [Fact]
    public async Task The_demo_events_public_page_shows_its_rooms_and_tracks()
    {
        await SeedAsync();

        var response = await app.CreateClient().GetAsync($"/events/{DemoEvent.Slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var main = (await response.HtmlAsync()).QuerySelector("main")!;
        Assert.Equal("FOSS.my 2026", main.QuerySelector("h1")!.TextContent);
        Assert.Contains("Asia/Kuala_Lumpur", main.TextContent);
        var rooms = main.QuerySelectorAll("#rooms ~ div th[scope=row]").Select(th => th.TextContent).ToList();
        Assert.Equal(["Main Hall", "Room Ubuntu", "Room Fedora"], rooms);
        var tracks = main.QuerySelectorAll("#tracks ~ ul li").Select(li => li.TextContent.Trim()).ToList();
        // The programme's three tracks, and the own track of each approved community group (Features/Community's demo part).
        Assert.Equal(["Cloud & Infra", "Community", "FOSSChix", "Fedora Malaysia", "Security", "Ubuntu Malaysia"], tracks);
    }

    [Fact]
    public async Task A_demo_organiser_logs_in_with_the_printed_password_and_manages_the_event()
    {
        var data = await SeedAsync();
        var printed = new StringWriter();
        DemoSeeder.PrintLogins(data, "http://localhost", printed);
        var organiser = data.Organisers[0].Email;
        Assert.Contains(organiser, printed.ToString());
        Assert.Contains(data.Password, printed.ToString());
        Assert.Contains("http://localhost/events/fossmy-2026", printed.ToString());

        var browser = app.CreateBrowser();
        var login = await browser.PostFormAsync("/account/login", new() { ["Input.Email"] = organiser, ["Input.Password"] = data.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/events/{DemoEvent.Slug}/manage")).StatusCode);
    }

    [Fact]
    public async Task The_demo_check_in_volunteer_opens_the_check_in_desk_but_not_the_organisers_pages()
    {
        var data = await SeedAsync();
        var volunteer = data.Logins.Single(l => l.Role == "check-in volunteer").Email;

        var browser = app.CreateBrowser();
        await browser.PostFormAsync("/account/login", new() { ["Input.Email"] = volunteer, ["Input.Password"] = data.Password });

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/events/{DemoEvent.Slug}/check-in")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync($"/events/{DemoEvent.Slug}/manage")).StatusCode);
    }

    [Fact]
    public async Task The_demo_password_is_not_a_well_known_default()
    {
        using var other = new EventPlannerApp();
        other.CreateClient();

        var mine = await SeedAsync();
        var theirs = await DemoSeeder.SeedAsync(other.Services);

        Assert.NotEqual(mine.Password, theirs.Password);
        Assert.True(mine.Password.Length >= 16);
    }
}
