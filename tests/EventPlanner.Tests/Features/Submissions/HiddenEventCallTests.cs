using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>A hidden event's call for papers takes no proposals, whoever knows its slug, by page or API.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class HiddenEventCallTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Knowing_a_hidden_events_slug_is_not_enough_to_submit_to_its_call()
    {
        var e = await CfpKit.CreateAsync(app, "hidden-call");
        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}", new { isPublic = false })).EnsureSuccessStatusCode();
        var (_, speaker) = await CfpKit.FastSpeakerAsync(app, "curious@example.org");
        await app.CreateUserAsync("curious-page@example.org");
        var browser = await app.SignInAsync("curious-page@example.org");

        Assert.Equal(HttpStatusCode.NotFound, (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{e.Slug}/proposals/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{e.Slug}/cfp")).StatusCode);

        // Published again, the same call takes the same proposal.
        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}", new { isPublic = true })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true))).StatusCode);
    }

    [Fact]
    public async Task A_strangers_list_of_proposals_for_a_hidden_event_is_the_unknown_event_404_not_an_empty_list()
    {
        var e = await CfpKit.CreateAsync(app, "hidden-mine");
        var (_, speaker) = await CfpKit.FastSpeakerAsync(app, "hidden-mine-speaker@example.org");
        Assert.Equal(HttpStatusCode.Created, (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true))).StatusCode);
        (await e.Organiser.PutAsJsonAsync($"/api/events/{e.Slug}", new { isPublic = false })).EnsureSuccessStatusCode();
        var (_, stranger) = await CfpKit.FastSpeakerAsync(app, "hidden-mine-stranger@example.org");

        var unknown = await stranger.GetAsync("/api/events/no-such-event/proposals/mine");
        var hidden = await stranger.GetAsync($"{e.Api}/proposals/mine");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await app.CreateUserAsync("hidden-mine-page@example.org");
        var page = await (await app.SignInAsync("hidden-mine-page@example.org")).GetAsync($"/events/{e.Slug}/proposals/mine");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain($"Event {e.Slug}", await page.Content.ReadAsStringAsync());
        // Who already has a proposal there, and the event's team, still see their list.
        Assert.Single(await speaker.GetFromJsonAsync<List<object>>($"{e.Api}/proposals/mine") ?? []);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.GetAsync($"{e.Api}/proposals/mine")).StatusCode);
    }
}
