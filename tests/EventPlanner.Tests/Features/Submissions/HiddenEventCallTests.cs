using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>A hidden event's call for papers takes no proposals, whoever knows its slug, by page or API.</summary>
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
}
