using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Events;

/// <summary>Removing a track must never widen what a track-limited review team may see.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
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
        // The page's confirmation says why, offers no form, and a made-up stamp changes nothing.
        var url = $"/events/{e.Slug}/manage/tracks?handler=Remove&id={kernel}";
        var confirmation = await browser.ConfirmationAsync(url, new(), $"/events/{e.Slug}/manage/tracks");
        Assert.Equal(1, confirmation.Count("review-teams"));
        Assert.Contains("limited to this track alone (Kernel reviewers)", confirmation.TextContent);
        Assert.NotNull(confirmation.QuerySelector("[data-blocked]"));
        Assert.Null(confirmation.QuerySelector("form"));
        var forced = await browser.PostFormAsync(url, new() { ["stamp"] = "0.0.0.1" }, $"/events/{e.Slug}/manage/tracks");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Kernel", (await e.Organiser.GetStringAsync($"/api/events/{e.Slug}")));
    }
}
