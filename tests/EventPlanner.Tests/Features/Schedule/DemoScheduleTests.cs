using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoScheduleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_a_conflict_free_schedule_released_twice_with_a_move_in_its_changelog()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        var again = await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(0, again.Added);
        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var board = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(e);
        Assert.DoesNotContain(board.Conflicts, c => c.IsError);
        Assert.Contains(board.Sessions, s => s.Kind == SessionKinds.Keynote && s.ProposalId is not null && s.IsPlaced);
        Assert.Contains(board.Sessions, s => s.Kind == SessionKinds.Lunch);
        Assert.Equal(3, board.Sessions.Where(s => s.IsPlaced).Select(s => s.RoomId).Distinct().Count());

        // Organisers released twice; self-service parts of the demo (a booked BoF, the locked lightning line-up) add automatic releases on top.
        var all = await app.Services.GetRequiredService<ReleaseStore>().ListAsync(e.Id);
        var releases = all.Where(r => r.AutomaticReason is null).ToList();
        Assert.Equal([2, 1], releases.Select(r => r.Number));
        Assert.Contains(releases[0].Changes, c => c.Kind == ChangeKinds.Moved);
        Assert.Contains(releases[0].Changes, c => c.Kind == ChangeKinds.RoomChanged);

        var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/changes");
        Assert.Contains("Moved from", page);
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/schedule.json"));
        Assert.Equal(all[0].Number.ToString(), json.RootElement.GetProperty("schedule").GetProperty("version").GetString());
    }
}
