using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>The organisers' list shows a hundred proposals a page; the CSV and the API without limit still give them all.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ProposalListPagingTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private const int Count = ProposalList.PageSize + 5;

    private async Task<(CfpEvent Event, HttpClient Browser)> SeedAsync(string slug)
    {
        var e = await CfpKit.CreateAsync(app, slug);
        for (var i = 0; i < Count; i++)
        {
            var (_, speaker) = await CfpKit.FastSpeakerAsync(app, $"{slug}{i}@example.org");
            (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: $"Talk {i:000}", submit: true))).EnsureSuccessStatusCode();
        }
        await app.WaitForQuietDeliveryAsync();
        return (e, await app.SignInAsync($"org-{slug}@example.org"));
    }

    [Fact]
    public async Task The_list_pages_by_a_hundred_keeping_the_filters_and_the_export_holds_every_proposal()
    {
        var (e, browser) = await SeedAsync("paged");

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync($"/events/{e.Slug}/proposals?Sort=title"));
        Assert.Contains($"{Count} proposals, showing 1–{ProposalList.PageSize}", first);
        Assert.Contains("Talk 000", first);
        Assert.DoesNotContain("Talk 100", first);
        Assert.Contains("Sort=title&p=2", first); // the next page keeps the sort

        var second = WebUtility.HtmlDecode(await browser.GetStringAsync($"/events/{e.Slug}/proposals?Sort=title&p=2"));
        Assert.Contains($"showing {ProposalList.PageSize + 1}–{Count}", second);
        Assert.Contains("Talk 104", second);
        Assert.DoesNotContain("Talk 099", second);
        Assert.Contains("Previous page", second);
        Assert.DoesNotContain("Next page", second);

        // A page past the end (the list shrank since the link was made) shows the last page.
        Assert.Contains("Talk 104", await browser.GetStringAsync($"/events/{e.Slug}/proposals?Sort=title&p=9"));

        var csv = await browser.GetStringAsync($"/events/{e.Slug}/proposals?handler=Csv&Sort=title");
        Assert.Equal(Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_api_pages_with_limit_and_offset_and_reports_the_total()
    {
        var (e, _) = await SeedAsync("paged-api");

        // By default one page of a hundred, and where the rest is.
        var first = await e.Organiser.GetAsync($"{e.Api}/proposals");
        Assert.Equal(ProposalList.PageSize, (await first.Content.ReadFromJsonAsync<List<ProposalListItem>>())!.Count);
        Assert.Equal(Count.ToString(), first.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("rel=\"next\"", first.Headers.GetValues("Link").Single());

        var response = await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&limit=10&offset=100");
        var page = await response.Content.ReadFromJsonAsync<List<ProposalListItem>>();
        Assert.Equal(["Talk 100", "Talk 101", "Talk 102", "Talk 103", "Talk 104"], page!.Select(p => p.Title));
        Assert.Equal(Count.ToString(), response.Headers.GetValues("X-Total-Count").Single());
        Assert.False(response.Headers.Contains("Link")); // the last page

        var pastTheEnd = await e.Organiser.GetAsync($"{e.Api}/proposals?limit=10&offset=500");
        Assert.Empty((await pastTheEnd.Content.ReadFromJsonAsync<List<ProposalListItem>>())!);
        Assert.Equal(Count.ToString(), pastTheEnd.Headers.GetValues("X-Total-Count").Single());

        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?limit=1001")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?limit=10&offset=-1")).StatusCode);
    }

    [Theory]
    [InlineData("submitted")]
    [InlineData("updated")]
    [InlineData("title")]
    [InlineData("type")]
    [InlineData("state")]
    public async Task Following_the_next_links_gives_every_proposal_once_in_order_even_when_one_is_submitted_meanwhile(string sort)
    {
        var (e, _) = await SeedAsync($"cursor-{sort}");
        var everything = (await e.Organiser.GetFromJsonAsync<List<ProposalListItem>>($"{e.Api}/proposals?sort={sort}&limit=1000"))!.Select(p => p.Id).ToList();
        Assert.Equal(Count, everything.Count);

        var seen = new List<long>();
        string? next = $"{e.Api}/proposals?sort={sort}&limit=40";
        var pages = 0;
        while (next is not null)
        {
            var response = await e.Organiser.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await response.Content.ReadFromJsonAsync<List<ProposalListItem>>())!.Select(p => p.Id));
            // The total is of the list as it is now: one more once the late proposal is in.
            Assert.Equal((pages == 0 ? Count : Count + 1).ToString(), response.Headers.GetValues("X-Total-Count").Single());
            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
            if (++pages == 1)
            {
                // A proposal that arrives while a client pages (it sorts first by submission time) neither
                // repeats nor hides a row on the pages that follow, as offsets would.
                var (_, late) = await CfpKit.FastSpeakerAsync(app, $"late-{sort}@example.org");
                (await late.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Talk 000 a late one", submit: true))).EnsureSuccessStatusCode();
            }
        }
        Assert.Equal(3, pages);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(everything, seen.Where(everything.Contains));
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_of_this_list_is_a_400_not_a_500()
    {
        var (e, _) = await SeedAsync("cursor-bad");
        var first = await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&limit=5");
        var cursor = first.Headers.GetValues("X-Next-Cursor").Single();
        foreach (var bad in new[]
        {
            "not base64 !", "W10", /* [] */ "eyJhIjoxfQ", /* {"a":1} */ "WzEsMiwzLDRd", /* [1,2,3,4] */ new string('A', 5000),
            "W3RydWUsMV0", /* [true,1] */
        })
        {
            var response = await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&cursor={Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        // A title-order cursor does not fit the default order (three columns), nor goes with an offset.
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?cursor={cursor}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&offset=5&cursor={cursor}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&cursor={cursor}")).StatusCode);
    }
}
