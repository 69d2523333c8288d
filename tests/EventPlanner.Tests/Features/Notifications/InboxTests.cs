using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class InboxTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task A_notification_lands_in_the_inbox_with_an_unread_count_that_reading_clears()
    {
        var admin = await app.CreateApiClientAsync("inbox-admin@example.org", admin: true);
        var (slug, _) = await app.CreateEventAsync(admin, "inbox-event", "FOSS Asia");
        await app.CreateUserAsync("inbox-reader@example.org", "Lin");
        var browser = await app.SignInAsync("inbox-reader@example.org");
        Assert.DoesNotContain("Inbox (", await browser.GetStringAsync("/"));

        (await admin.PostAsJsonAsync($"/api/events/{slug}/team", new { email = "inbox-reader@example.org", role = "reviewer" })).EnsureSuccessStatusCode();

        Assert.Contains("Inbox (1)", await browser.GetStringAsync("/"));
        var inbox = await browser.GetStringAsync("/inbox");
        Assert.Contains("You are now on the FOSS Asia team as reviewer", inbox);
        var id = (await app.OutboxAsync("team-role-granted:")).Single(r => r.ToAddress == "inbox-reader@example.org").Id;

        var message = await browser.GetStringAsync($"/inbox/{id}");
        Assert.Contains("<strong>FOSS Asia</strong>", message);
        Assert.Contains("Inbox</a>", await browser.GetStringAsync("/"));
        Assert.DoesNotContain("Inbox (1)", await browser.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/inbox/{id}?handler=MarkUnread", new(), getUrl: $"/inbox/{id}")).StatusCode);
        Assert.Contains("Inbox (1)", await browser.GetStringAsync("/"));
        var all = await browser.PostFormAsync("/inbox?handler=MarkAllRead", new(), getUrl: "/inbox");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.DoesNotContain("Inbox (1)", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task Nobody_opens_someone_elses_notification()
    {
        var owner = await app.CreateUserAsync("inbox-owner@example.org");
        await app.CreateUserAsync("inbox-snoop@example.org");
        var id = await app.QueueAsync(owner.Id, "inbox-private:1");
        var snoop = await app.SignInAsync("inbox-snoop@example.org");

        Assert.Equal(HttpStatusCode.NotFound, (await snoop.GetAsync($"/inbox/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync("/inbox")).StatusCode); // to the login page
    }

    [Fact]
    public async Task Password_reset_mails_stay_out_of_the_inbox()
    {
        var user = await app.CreateUserAsync("inbox-reset@example.org");
        var outbox = app.Services.GetRequiredService<Outbox>();
        await outbox.EnqueueAsync(new NotificationRequest("inbox-reset:1", AccountNotificationKinds.PasswordReset.Name, user.Id, null,
            new Dictionary<string, string> { ["link"] = "/account/reset-password?token=secret" }));
        var browser = await app.SignInAsync("inbox-reset@example.org");

        Assert.DoesNotContain("Reset your", await browser.GetStringAsync("/inbox"));
    }
}
