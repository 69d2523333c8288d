using System.Net;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class UnsubscribeTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<long> RemindAsync(long userId, long eventId, string key)
    {
        var id = await app.Services.GetRequiredService<Outbox>().EnqueueAsync(new NotificationRequest(key, NotificationKinds.EventStartsTomorrow.Name, userId, eventId,
            new Dictionary<string, string> { ["starts_on"] = "Saturday", ["venue"] = "Hall A" }));
        return id!.Value;
    }

    [Fact]
    public async Task One_click_unsubscribe_stops_that_optional_kind_but_never_transactional_mail()
    {
        var admin = await app.CreateApiClientAsync("unsub-admin@example.org", admin: true);
        var (_, eventId) = await app.CreateEventAsync(admin, "unsub-event");
        var user = await app.CreateUserAsync("unsub@example.org");

        var first = await RemindAsync(user.Id, eventId, "unsub-reminder:1");
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(first)).State == NotificationStates.Sent, "the reminder is sent");
        var mail = app.Mail.LastTo("unsub@example.org");
        Assert.NotNull(mail.UnsubscribeUrl);
        Assert.Contains(mail.UnsubscribeUrl, mail.TextBody);

        // What a mail provider does (RFC 8058): a POST with this exact body, no cookie, no antiforgery token.
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsync(mail.UnsubscribeUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var second = await RemindAsync(user.Id, eventId, "unsub-reminder:2");
        var transactional = await app.QueueAsync(user.Id, "unsub-transactional:1", eventId);
        app.Services.GetRequiredService<Outbox>().Kick();
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(second)).State == NotificationStates.Suppressed, "the next reminder is suppressed");
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(transactional)).State == NotificationStates.Sent, "transactional mail still goes");
        Assert.Single(app.Mail.Sent, m => m.ToAddress == "unsub@example.org" && m.Kind == NotificationKinds.EventStartsTomorrow.Name);
    }

    [Fact]
    public async Task An_unknown_unsubscribe_token_is_not_found()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/unsubscribe/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/unsubscribe/not-a-token", new StringContent(""))).StatusCode);
    }
}
