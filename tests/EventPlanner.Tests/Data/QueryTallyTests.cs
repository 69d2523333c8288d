using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Data;

public sealed class CountingApp : EventPlannerApp
{
    // ProposalListQueryCountTests waits for delivery to fall quiet before it counts, which needs the server.
    protected override bool RunsJobs => true;

    /// <summary>
    /// What the tally sees beyond a page's own statements on each connection it opens: SQLite's trace hook also sees
    /// the two PRAGMAs Db.OpenAsync runs; Npgsql's commands are only ours.
    /// </summary>
    public static int PerConnection => TestPostgres.HostsRunOnPostgres ? 0 : 2;

    /// <summary>The same for a transaction: Microsoft.Data.Sqlite's BEGIN and COMMIT run as statements; Npgsql sends them with our commands.</summary>
    public static int PerTransaction => TestPostgres.HostsRunOnPostgres ? 0 : 2;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EventPlanner:Diagnostics:CountQueries"] = "true" };
}

[Trait("Engine", "Both")] // counted on both engines; what each engine adds per connection is CountingApp.PerConnection
public sealed class QueryTallyTests(CountingApp app) : IClassFixture<CountingApp>
{
    [Fact]
    public async Task The_event_list_runs_the_same_number_of_queries_for_one_event_as_for_twenty()
    {
        var api = await app.CreateApiClientAsync("admin@example.org", admin: true);
        var anonymous = app.CreateClient();
        (await api.PostAsJsonAsync("/api/events", NewEvent("first"))).EnsureSuccessStatusCode();
        var withOne = await QueriesAsync(anonymous, "/");

        for (var i = 0; i < 19; i++) (await api.PostAsJsonAsync("/api/events", NewEvent($"more-{i}"))).EnsureSuccessStatusCode();
        var withTwenty = await QueriesAsync(anonymous, "/");

        Assert.True(withOne > 0, "the tally should count the page's queries");
        Assert.Equal(withOne, withTwenty);
    }

    private static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        Assert.Contains(response.Headers.GetValues("Server-Timing"), v => v.StartsWith("db;"));
        return int.Parse(response.Headers.GetValues("X-Query-Count").Single());
    }

    private static object NewEvent(string slug) => new
    {
        slug, name = $"Event {slug}", timeZone = "Asia/Kuala_Lumpur", startsOn = "2026-12-05", endsOn = "2026-12-06", venue = "APU",
    };
}
