using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// Removing a webhook endpoint asks first, counting the deliveries still waiting (dropped) and its log (deleted with it).
/// No job server runs, so a release's delivery stays waiting and the count is exact.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WebhookRemovalConfirmationTests(WebhookAppWithoutJobs app) : IClassFixture<WebhookAppWithoutJobs>
{
    [Fact]
    public async Task Removing_an_endpoint_counts_its_deliveries_asks_again_after_a_release_queued_one_and_then_removes_it()
    {
        const string email = "org-wr-remove@example.org";
        var s = await ScheduleKit.CreateAsync(app, "wr-remove", organiserEmail: email);
        var endpoint = await s.Organiser.AddEndpointAsync(s.Slug, "http://127.0.0.1:9/hook", WebhookEventTypes.ScheduleReleased);
        var eventId = await app.EventIdAsync(s.Slug);
        var organiser = await app.SignInAsync(email);
        var page = $"/events/{s.Slug}/webhooks/{endpoint.Id}";
        var url = $"{page}?handler=Delete";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal((0, 0), (first.Count("waiting"), first.Count("log")));
        Assert.Contains("http://127.0.0.1:9/hook", first.TextContent);

        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal((1, 1), (again.Count("waiting"), again.Count("log")));
        Assert.Equal(HttpStatusCode.OK, (await s.Organiser.GetAsync($"/api/events/{s.Slug}/webhooks/{endpoint.Id}")).StatusCode);

        var done = await organiser.PostConfirmedAsync(url, again, page);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Organiser.GetAsync($"/api/events/{s.Slug}/webhooks/{endpoint.Id}")).StatusCode);
        Assert.Empty(await app.DeliveriesAsync(eventId));
    }
}
