using EventPlanner.Tests.Data;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule;

[Trait("Engine", "Both")] // counted on both engines; what each engine adds per connection is CountingApp.PerConnection
public sealed class GridQueryCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    // The organisers' grid runs 11 statements on 3 connections whatever the number of sessions: the EventOrganiser
    // role check (1), the event (1) and the whole board in one batch (9: sessions with speakers, stars and availability
    // as sub-queries; days; rooms; tracks; slots; room hours; co-located sessions; the latest release; rooms reserved
    // for community groups). The tally also sees the two PRAGMAs Db.OpenAsync runs on each connection: 11 + 2 x 3 = 17.
    private static readonly int GridStatements = 11 + CountingApp.PerConnection * 3;

    // A page whose own share is known (the speaker's proposal list: 2 statements on 2 connections), to measure what
    // the shared layout runs for a signed-in organiser.
    private static readonly int MinePageStatements = 2 + CountingApp.PerConnection * 2;

    [Fact]
    public async Task The_organiser_grid_of_a_busy_day_runs_the_same_number_of_queries_for_6_sessions_as_for_120()
    {
        var e = await ScheduleKit.CreateAsync(app, "counted-grid", organiserEmail: "counted-grid@example.org");
        for (var i = 0; i < 6; i++) await AddAsync(e, i);
        var browser = await app.SignInAsync("counted-grid@example.org");
        var url = $"/events/{e.Slug}/schedule/manage/{ScheduleKit.Day1}?step=5";
        await QueriesAsync(browser, url); // warm-up

        var withFew = await QueriesAsync(browser, url);
        for (var i = 6; i < 120; i++) await AddAsync(e, i);
        var withMany = await QueriesAsync(browser, url);
        var layout = await QueriesAsync(browser, $"/events/{e.Slug}/proposals/mine") - MinePageStatements;

        Assert.Equal(GridStatements + layout, withFew);
        Assert.Equal(withFew, withMany);
    }

    private static async Task AddAsync(ScheduleEvent e, int i)
    {
        var s = await e.SessionAsync($"Talk {i}", trackId: i % 2 == 0 ? e.Kernel : e.Web, minutes: 20);
        var room = (i % 3) switch { 0 => e.Janson, 1 => e.Small, _ => e.Medium };
        var minutes = 9 * 60 + (i / 3) * 10 % (8 * 60);
        if (i % 5 != 4) await e.PlaceAsync(s, room, $"{minutes / 60:00}:{minutes % 60:00}");
    }

    private static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return int.Parse(response.Headers.GetValues("X-Query-Count").Single());
    }
}
