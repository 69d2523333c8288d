using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Lightning;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoLightningTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_a_locked_full_lightning_line_up_with_a_waitlist_on_the_public_schedule_and_an_open_one()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoEvent.Slug))!;
        var sessions = await app.CreateClient().GetFromJsonAsync<List<LightningSessionResponse>>($"/api/events/{e.Slug}/lightning");
        Assert.Equal(2, sessions!.Count);
        var day1 = sessions[0];
        Assert.True(day1.Locked);
        Assert.Equal((7, 7, 2), (day1.SlotCount, day1.SlotsTaken, day1.Waiting));
        var day2 = sessions[1];
        Assert.True(day2.SignUpOpen);
        Assert.Equal((5, 4), (day2.SlotCount, day2.SlotsTaken));

        var board = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(e);
        Assert.DoesNotContain(board.Conflicts, c => c.IsError);
        var page = await app.CreateClient().GetStringAsync($"/events/{e.Slug}/sessions/{day1.SessionId}");
        Assert.Contains("My dotfiles, explained in five minutes", page);
    }
}
