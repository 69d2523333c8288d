using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Community;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoCommunityTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_ubuntu_fedora_and_fosschix_rooms_with_sessions_in_the_released_schedule_and_one_pending_request()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        var again = await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(0, again.Added);
        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var queries = app.Services.GetRequiredService<CommunityQueries>();
        Assert.Equal(["FOSSChix", "Fedora Malaysia", "Ubuntu Malaysia"], (await queries.GroupsAsync(e.Id, all: true)).Select(g => g.Name).Order(StringComparer.Ordinal));
        var blocks = await queries.BlocksAsync(e.Id);
        Assert.Equal(3, blocks.Count(b => b.Status == BlockStatuses.Approved));
        Assert.Equal("FOSSChix", Assert.Single(blocks, b => b.Status == BlockStatuses.Requested).GroupName);
        var board = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(e);
        Assert.DoesNotContain(board.Conflicts, c => c.IsError);
        Assert.Equal(6, board.Sessions.Count(s => s.Source == SessionSources.Community && !s.IsCancelled));

        var anonymous = app.CreateClient();
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/schedule.json"));
        var titles = json.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("rooms").EnumerateObject().SelectMany(r => r.Value.EnumerateArray()))
            .Select(x => x.GetProperty("title").GetString()).ToList();
        Assert.Contains("Install party and snap Q&A", titles);
        Assert.Contains("Packaging clinic: your first RPM", titles);
        Assert.Contains("Mentoring circle", titles);
        var page = await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/community");
        Assert.Contains("FOSSChix", page);
    }

    [Fact]
    public async Task The_organiser_grid_draws_the_rooms_given_to_groups_behind_the_sessions()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var organiser = await app.CreateUserAsync("grid.viewer@example.org");
        var v = new EventPlanner.Web.Infrastructure.Validator();
        Assert.NotNull(await app.Services.GetRequiredService<TeamStore>().GrantAsync(e.Id, "grid.viewer@example.org", "organiser", organiser.Id, v));
        var browser = await app.SignInAsync("grid.viewer@example.org");

        var grid = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/events/{DemoEvent.Slug}/schedule/manage"));

        Assert.Contains("Reserved for Fedora Malaysia, 14:00–16:30", grid);
        Assert.Contains("Reserved for Ubuntu Malaysia, 14:00–16:00", grid);
        Assert.DoesNotContain("Reserved for FOSSChix", grid); // day 2, and only requested
    }
}
