using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>The organisers' list shows a hundred proposals a page; the CSV and the API without limit still give them all.</summary>
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

        var all = await e.Organiser.GetFromJsonAsync<List<ProposalListItem>>($"{e.Api}/proposals");
        Assert.Equal(Count, all!.Count);

        var response = await e.Organiser.GetAsync($"{e.Api}/proposals?sort=title&limit=10&offset=100");
        var page = await response.Content.ReadFromJsonAsync<List<ProposalListItem>>();
        Assert.Equal(["Talk 100", "Talk 101", "Talk 102", "Talk 103", "Talk 104"], page!.Select(p => p.Title));
        Assert.Equal(Count.ToString(), response.Headers.GetValues("X-Total-Count").Single());

        var pastTheEnd = await e.Organiser.GetAsync($"{e.Api}/proposals?limit=10&offset=500");
        Assert.Empty((await pastTheEnd.Content.ReadFromJsonAsync<List<ProposalListItem>>())!);
        Assert.Equal(Count.ToString(), pastTheEnd.Headers.GetValues("X-Total-Count").Single());

        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await e.Organiser.GetAsync($"{e.Api}/proposals?limit=10&offset=-1")).StatusCode);
    }
}
