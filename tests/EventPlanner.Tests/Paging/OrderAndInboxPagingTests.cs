using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Paging;

/// <summary>
/// The API lists that grow with an event page by default with a keyset cursor: the next page's address in Link and
/// its cursor in X-Next-Cursor, a row added meanwhile neither repeated nor hiding another, and a cursor that is not
/// one of the list a 400.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class OrderAndInboxPagingTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;

    [Fact]
    public async Task Organisers_page_through_the_orders_and_an_order_placed_meanwhile_does_not_repeat_one()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 50);
        foreach (var user in await app.CrowdAsync("paged-order", 7)) (await user.Api.RegisterAsync(ev.Slug, type)).EnsureSuccessStatusCode();
        var everything = (await ev.Organiser.GetFromJsonAsync<List<OrderResponse>>($"/api/events/{ev.Slug}/orders"))!.Select(o => o.Id).ToList();
        Assert.Equal(7, everything.Count);

        var seen = new List<long>();
        string? next = $"/api/events/{ev.Slug}/orders?limit=3";
        var pages = 0;
        while (next is not null)
        {
            var response = await ev.Organiser.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await response.Content.ReadFromJsonAsync<List<OrderResponse>>())!.Select(o => o.Id));
            next = NextLink(response);
            if (++pages == 1)
            {
                // Newest first: with offsets this order would push the third one onto page two again.
                var late = (await app.CrowdAsync("paged-order-late", 1)).Single();
                (await late.Api.RegisterAsync(ev.Slug, type)).EnsureSuccessStatusCode();
            }
        }
        Assert.Equal(3, pages);
        Assert.Equal(everything, seen);

        Assert.Equal(HttpStatusCode.BadRequest, (await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/orders?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/orders?limit=1001")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/orders?cursor=WzFd")).StatusCode); // [1]: one value of two
        Assert.Equal(HttpStatusCode.BadRequest, (await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/orders?cursor=%00%FF")).StatusCode);
    }

    [Fact]
    public async Task Members_page_back_through_their_inbox()
    {
        var organiser = await app.CreateApiClientAsync("paged-inbox-org@example.org", admin: true);
        var member = await app.CreateApiClientAsync("paged-inbox-member@example.org");
        for (var i = 0; i < 3; i++)
        {
            var (slug, _) = await app.CreateEventAsync(organiser, $"paged-inbox-{i}", $"Meetup {i}");
            (await organiser.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "paged-inbox-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();
        }

        var first = await member.GetAsync("/api/me/inbox?limit=2");
        var newest = (await first.Content.ReadFromJsonAsync<List<InboxItem>>())!;
        Assert.Equal(["Meetup 2", "Meetup 1"], newest.Select(n => n.EventName));
        var second = await member.GetAsync(NextLink(first));
        Assert.Equal(["Meetup 0"], (await second.Content.ReadFromJsonAsync<List<InboxItem>>())!.Select(n => n.EventName));
        Assert.Null(NextLink(second));

        Assert.Equal(3, (await member.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox"))!.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/me/inbox?cursor=WyJ4Il0")).StatusCode); // ["x"]
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/me/inbox?limit=5000")).StatusCode);
    }
}
