using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class NotificationsApiTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Organisers_read_delivery_state_and_members_read_their_inbox_through_the_api()
    {
        var organiser = await app.CreateApiClientAsync("api-organiser@example.org", admin: true);
        var (slug, _) = await app.CreateEventAsync(organiser, "api-notify", "Ubucon");
        var member = await app.CreateApiClientAsync("api-member@example.org");
        (await organiser.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "api-member@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        var summary = await organiser.GetFromJsonAsync<DeliverySummary>($"/api/events/{slug}/notifications");
        var inbox = await member.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox");
        var refused = await member.GetAsync($"/api/events/{slug}/notifications");

        var item = Assert.Single(summary!.Items);
        Assert.Equal("api-member@example.org", item.ToAddress);
        Assert.Equal(1, summary.Counts.Where(c => c.Key is "pending" or "sending" or "sent").Sum(c => c.Value));
        var mine = Assert.Single(inbox!);
        Assert.Equal("You are now on the Ubucon team as reviewer", mine.Subject);
        Assert.Equal("Ubucon", mine.EventName);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsync($"/api/events/{slug}/notifications/{item.Id}/retry", null)).StatusCode); // not failed
    }
}
