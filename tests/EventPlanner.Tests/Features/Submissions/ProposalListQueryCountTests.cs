using System.Net.Http.Json;
using EventPlanner.Tests.Data;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // counted on both engines; what each engine adds per connection is CountingApp.PerConnection
public sealed class ProposalListQueryCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    // The organisers' list page runs 8 statements on 5 connections whatever the number of proposals: the
    // EventOrganiser role check (1), the event (1), the CfP context (4: settings, types, tracks, questions),
    // the filter facets (1) and the list itself, speakers, tracks and tags coming as JSON sub-queries (1).
    // The tally also sees the two PRAGMAs Db.OpenAsync runs on each pooled connection: 8 + 2 x 5 = 18.
    private static readonly int PageStatements = 8 + CountingApp.PerConnection * 5;

    // The speaker's own list (event and proposals: 2 statements on 2 connections), used to measure what the
    // shared layout runs for a signed-in user, which is the layout's business, not the list's.
    private static readonly int MinePageStatements = 2 + CountingApp.PerConnection * 2;

    // The API list: the token look-up (its last-used time is written at most every five minutes, not here), the role
    // check, the event and the list: 4 statements on 4 connections.
    private static readonly int ApiStatements = 4 + CountingApp.PerConnection * 4;

    // Not asserted with a text search: FTS5 reads its shadow tables with statements of its own, inside our
    // one statement, and the tally counts those too; their number follows the index's segments, not our SQL.

    [Fact]
    public async Task The_organisers_list_runs_the_same_number_of_queries_for_five_proposals_as_for_sixty()
    {
        var e = await CfpKit.CreateAsync(app, "counted");
        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");
        await AddProposalsAsync(e, 0, 5);
        await QueriesAsync(browser, $"/events/{e.Slug}/proposals"); // warm-up: first-use writes and caches are not the page's cost

        var pageWithFive = await QueriesAsync(browser, $"/events/{e.Slug}/proposals?sort=title");
        var apiWithFive = await QueriesAsync(e.Organiser, $"{e.Api}/proposals?tag=kernel&sort=title");
        await AddProposalsAsync(e, 5, 60);
        var pageWithSixty = await QueriesAsync(browser, $"/events/{e.Slug}/proposals?sort=title");
        var apiWithSixty = await QueriesAsync(e.Organiser, $"{e.Api}/proposals?tag=kernel&sort=title");

        var layout = await QueriesAsync(browser, $"/events/{e.Slug}/proposals/mine") - MinePageStatements;
        Assert.Equal(PageStatements + layout, pageWithFive);
        Assert.Equal(pageWithFive, pageWithSixty);
        Assert.Equal(ApiStatements, apiWithFive);
        Assert.Equal(apiWithFive, apiWithSixty);
        Assert.Contains("Talk 59", await browser.GetStringAsync($"/events/{e.Slug}/proposals"));
    }

    private async Task AddProposalsAsync(CfpEvent e, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var (_, speaker) = await CfpKit.FastSpeakerAsync(app, $"counted{i}@example.org");
            var p = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: $"Talk {i}", submit: true))).ReadProposalAsync();
            if (i % 3 == 0) (await e.Organiser.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}/tags", new { tags = new[] { "kernel", $"batch{i % 2}" } })).EnsureSuccessStatusCode();
        }
        // The receipts go out in the background: let them, so no delivery writes while the pages are counted
        // (a read that meets a write in progress may be stepped twice, and the tally counts both).
        await app.WaitForQuietDeliveryAsync();
    }

    // The least of three reads: a statement that meets a background job's write (recurring jobs run
    // whenever they like) is stepped again and counted twice; what the page itself issues is the minimum.
    private static async Task<int> QueriesAsync(HttpClient client, string url)
    {
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            counts.Add(int.Parse(response.Headers.GetValues("X-Query-Count").Single()));
        }
        return counts.Min();
    }
}
