using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoBofsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_a_booked_bof_in_the_public_schedule_and_one_gathering_interest_without_schedule_errors()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var list = await app.Services.GetRequiredService<BofStore>().ListAsync(e.Id, null);
        Assert.Equal([BofStates.Booked, BofStates.Gathering], list.Bofs.Select(b => BofStates.Of(b, list.Threshold)));
        Assert.Equal(5, list.Threshold);
        var board = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(e);
        Assert.DoesNotContain(board.Conflicts, c => c.IsError);

        var anonymous = app.CreateClient();
        Assert.Contains("Self-hosting for community groups", await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/schedule.json"));
        var page = await anonymous.GetStringAsync($"/events/{DemoEvent.Slug}/bofs");
        Assert.Contains("Bahasa Melayu translations", page);
        Assert.Contains("2 interested (of 5 needed)", page);
    }
}
