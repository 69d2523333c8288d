using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

/// <summary>Issue 14: the home page leads with what a visitor can still go to; past events follow, the latest first.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class HomePageListTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task CreateAsync(string slug, string name, string startsOn, string endsOn, string zone = "Asia/Kuala_Lumpur")
    {
        var organiser = await app.CreateUserAsync($"{slug}@example.org");
        var v = new Validator();
        var values = EventRules.Validate(new EventInput(slug, name, "", "Menara Komuniti", zone, startsOn, endsOn, true, null), v)!;
        Assert.NotNull(await app.Services.GetRequiredService<EventStore>().CreateAsync(values, organiser.Id, v));
    }

    [Fact]
    public async Task Upcoming_events_come_first_soonest_first_and_past_ones_after_latest_first()
    {
        // The test clock reads 2026-11-25 09:00 UTC (17:00 in Kuala Lumpur).
        await CreateAsync("home-later", "Later Conf", "2027-03-01", "2027-03-02");
        await CreateAsync("home-running", "Running Conf", "2026-11-24", "2026-11-25");
        await CreateAsync("home-long-ago", "Long Ago Conf", "2025-06-01", "2025-06-02");
        await CreateAsync("home-last-month", "Last Month Conf", "2026-10-10", "2026-10-11");
        // 2026-11-24 is already yesterday in UTC but still today in Honolulu (UTC-10): not over there, so upcoming.
        await CreateAsync("home-honolulu", "Honolulu Conf", "2026-11-24", "2026-11-24", "Pacific/Honolulu");

        var html = await (await app.CreateClient().GetAsync("/")).HtmlAsync();

        string[] Names(string list) => html.QuerySelectorAll($"ul[data-list='{list}'] a").Select(a => a.TextContent).ToArray();
        Assert.Equal(["Honolulu Conf", "Running Conf", "Later Conf"], Names("upcoming").Where(n => n.EndsWith("Conf")));
        Assert.Equal(["Last Month Conf", "Long Ago Conf"], Names("past").Where(n => n.EndsWith("Conf")));
        Assert.Equal("Upcoming events", html.QuerySelector("#upcoming")!.TextContent);
        Assert.Equal("Past events", html.QuerySelector("#past")!.TextContent);
    }
}
