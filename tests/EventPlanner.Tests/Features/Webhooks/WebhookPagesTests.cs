using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>The organisers' pages: add an endpoint (secret once), see the log, resend; nobody else gets in.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WebhookPagesTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task An_organiser_adds_an_endpoint_sees_the_delivery_and_resends_it_and_others_are_kept_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var s = await ScheduleKit.CreateAsync(app, "hooks-pages", organiserEmail: "hooks-pages-org@example.org");
        var browser = await app.SignInAsync("hooks-pages-org@example.org");
        var page = $"/events/{s.Slug}/webhooks";

        var refused = await browser.PostFormAsync($"{page}?handler=Add", new() { ["Input.Url"] = "not a url", ["Input.EventTypes"] = "schedule.released" }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("absolute https://", await refused.Content.ReadAsStringAsync());
        // The form offers every type, the later ones (check-in, CfP, community, BoFs, lightning) too.
        var form = await browser.GetStringAsync(page);
        Assert.All(EventPlanner.Web.Infrastructure.Webhooks.WebhookEventTypes.All, t => Assert.Contains($"name=\"Input.EventTypes\" value=\"{t.Name}\"", form));

        var added = await browser.PostFormAsync($"{page}?handler=Add", new() { ["Input.Url"] = receiver.Url(), ["Input.EventTypes"] = "schedule.released" }, page);
        var html = await added.Content.ReadAsStringAsync();
        Assert.Contains("whsec_", html);
        Assert.True(added.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("whsec_", await browser.GetStringAsync(page)); // once only

        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        await receiver.WaitUntilAsync(all => all.Count == 1, "the release was delivered");
        var log = await browser.GetStringAsync(page);
        var link = System.Text.RegularExpressions.Regex.Match(log, $"/events/{s.Slug}/webhooks/deliveries/(\\d+)");
        Assert.True(link.Success, log);
        await WaitUntilAsync(async () => (await browser.GetStringAsync(link.Value)).Contains(">delivered<"), "delivered shown");

        var resent = await browser.PostFormAsync($"{link.Value}?handler=Resend", new(), link.Value);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await receiver.WaitUntilAsync(all => all.Count == 2, "the resend arrived");
        Assert.Single(receiver.All.Select(r => r.DeliveryId).Distinct());

        var other = await ScheduleKit.CreateAsync(app, "hooks-pages-other", organiserEmail: "hooks-pages-other@example.org");
        var stranger = await app.SignInAsync("hooks-pages-other@example.org");
        // Another event's organiser is sent to the access-denied page, as everywhere in the organisers' pages.
        Assert.StartsWith("/account/access-denied", (await stranger.GetAsync(page)).Headers.Location!.PathAndQuery);
        Assert.StartsWith("/account/access-denied", (await stranger.GetAsync(link.Value)).Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link.Value.Replace(s.Slug, other.Slug))).StatusCode);
        var anonymous = await app.CreateBrowser().GetAsync(page);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}
