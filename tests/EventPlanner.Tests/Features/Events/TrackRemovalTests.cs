using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Events;

/// <summary>Removing a track must never widen what a track-limited review team may see.</summary>
public sealed class TrackRemovalTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_track_that_a_review_team_is_limited_to_alone_cannot_be_removed_until_the_limit_changes()
    {
        var e = await CfpKit.CreateAsync(app, "track-removal");
        var (kernel, web, community) = (e.TrackIds[0], e.TrackIds[1], e.TrackIds[2]);
        var team = await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/review/teams", new { name = "Kernel reviewers", trackIds = new[] { kernel } });
        team.EnsureSuccessStatusCode();
        (await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/review/teams", new { name = "Two tracks", trackIds = new[] { web, community } })).EnsureSuccessStatusCode();

        var refused = await e.Organiser.DeleteAsync($"/api/events/{e.Slug}/tracks/{kernel}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Kernel reviewers", await refused.Content.ReadAsStringAsync());

        // A team limited to two tracks keeps the other one: narrower, never wider, so that removal goes ahead.
        Assert.Equal(HttpStatusCode.NoContent, (await e.Organiser.DeleteAsync($"/api/events/{e.Slug}/tracks/{web}")).StatusCode);

        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var page = await browser.PostFormAsync($"/events/{e.Slug}/manage/tracks?handler=Remove&id={kernel}", new());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("limited to this track alone", WebUtility.HtmlDecode(await browser.GetStringAsync($"/events/{e.Slug}/manage/tracks")));
        Assert.Contains("Kernel", (await e.Organiser.GetStringAsync($"/api/events/{e.Slug}")));
    }
}
