using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Features.Reviews;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>Deliveries to a real HTTP receiver in the test process: signed, once per change, retried, never for a rolled-back change (restarts: WebhookRestartTests).</summary>
[Trait("Engine", "Both")]
public sealed class WebhookDeliveryTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Each_event_type_is_delivered_once_with_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secrets = new List<string>();

        // Schedule: a first release adds a session, a second cancels it.
        var s = await ScheduleKit.CreateAsync(app, "hooks-types-schedule");
        secrets.Add((await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url("/schedule"))).Secret!);
        var session = await s.SessionAsync("Webhooks for everyone");
        await s.PlaceAsync(session, s.Janson, "10:00");
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var placed = await s.GetAsync(session.Id);
        (await s.Organiser.PutAsJsonAsync($"{s.Api}/sessions/{session.Id}", new
        {
            kind = "talk", title = placed.Title, durationMinutes = 30, isCancelled = true, version = placed.Version,
        })).EnsureSuccessStatusCode();
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

        // Reviews: a decision released to its speaker.
        var r = await ReviewKit.CreateAsync(app, "hooks-types-review");
        secrets.Add((await r.Organiser.AddEndpointAsync(r.Slug, receiver.Url("/review"))).Secret!);
        var (_, _, proposal) = await ReviewKit.SpeakerWithProposalAsync(app, r, "hooks-speaker@example.org", "Signed payloads");
        (await r.Organiser.PostAsJsonAsync($"{r.Api}/decisions", new { proposalIds = new[] { proposal.Id }, state = "accepted" })).EnsureSuccessStatusCode();
        (await r.Organiser.PostAsJsonAsync($"{r.Api}/decisions/release", new { })).EnsureSuccessStatusCode();

        // Tickets: one issued, then handed on.
        var t = await app.EventAsync();
        secrets.Add((await t.Organiser.AddEndpointAsync(t.Slug, receiver.Url("/tickets"))).Secret!);
        var type = await t.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(t.Slug, type);
        (await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers", new { recipientEmail = bo.Email, recipientName = "Bo" })).EnsureSuccessStatusCode();
        var token = await app.TransferTokenInAsync(bo.Email);
        (await bo.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Bo", tshirtSize = "L", dietary = "" })).EnsureSuccessStatusCode();

        var expected = new Dictionary<string, int>
        {
            [WebhookEventTypes.ScheduleReleased] = 2,
            [WebhookEventTypes.SessionChanged] = 1,
            [WebhookEventTypes.SessionCancelled] = 1,
            [WebhookEventTypes.ProposalStateChanged] = 1,
            [WebhookEventTypes.TicketIssued] = 1,
            [WebhookEventTypes.TicketTransferred] = 1,
        };

        // The later types: check-in, approval, CfP by hand, community, BoFs, lightning (WebhookTypeScenarios).
        foreach (var scenario in new Func<WebhookApp, WebhookReceiver, Task<WebhookTypeScenarios.Expected>>[]
        {
            WebhookTypeScenarios.TicketsAsync, WebhookTypeScenarios.CfpAsync, WebhookTypeScenarios.CommunityAsync,
            WebhookTypeScenarios.BofsAsync, WebhookTypeScenarios.LightningAsync,
        })
        {
            var (secret, counts) = await scenario(app, receiver);
            secrets.Add(secret);
            foreach (var (kind, n) in counts) expected[kind] = expected.GetValueOrDefault(kind) + n;
        }
        Assert.Equal(WebhookEventTypes.All.Select(x => x.Name).Order(), expected.Keys.Order()); // every type is published by a real action
        await receiver.WaitUntilAsync(all => all.Count >= expected.Values.Sum(), "every change reached the receiver");
        await Task.Delay(500); // time for a duplicate to show up, if there were one

        var got = receiver.All;
        Assert.Equal(expected.OrderBy(x => x.Key), got.GroupBy(x => x.EventType).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(x => x.Key));
        Assert.Equal(got.Count, got.Select(x => x.DeliveryId).Distinct().Count());
        foreach (var x in got)
        {
            Assert.Contains(secrets, secret => WebhookRules.Verify(secret, x.Signature, x.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            using var body = JsonDocument.Parse(x.Body);
            Assert.Equal(x.DeliveryId, body.RootElement.GetProperty("id").GetString());
            Assert.Equal(x.EventType, body.RootElement.GetProperty("type").GetString());
            Assert.True(body.RootElement.TryGetProperty("data", out _));
            Assert.DoesNotContain("@example.org", x.Body); // no addresses in any payload
        }
        // The door publishes the ticket and its type, not who holds it or their badge.
        foreach (var x in got.Where(x => x.EventType == WebhookEventTypes.TicketCheckedIn))
        {
            Assert.DoesNotContain("Attendee 1", x.Body);
            Assert.DoesNotContain("\"holder", x.Body);
            using var body = JsonDocument.Parse(x.Body);
            Assert.True(body.RootElement.GetProperty("data").GetProperty("ticket").GetProperty("id").GetInt64() > 0);
        }
        Assert.Contains(got, x => x.EventType == WebhookEventTypes.TicketIssued && x.Body.Contains("\"confirmation\":\"approval\""));
        Assert.Contains("\"reopened\":true", got.Single(x => x.EventType == WebhookEventTypes.CfpOpened).Body);
        Assert.Contains("\"approvedBy\":\"organiser\"", got.Single(x => x.EventType == WebhookEventTypes.CommunityBlockApproved).Body);
        Assert.Equal(["booked", "moved"], got.Where(x => x.EventType == WebhookEventTypes.BofBooked)
            .Select(x => JsonDocument.Parse(x.Body).RootElement.GetProperty("data").GetProperty("change").GetString()).Order());
        var locked = got.Where(x => x.EventType == WebhookEventTypes.LightningLineupLocked).ToList();
        Assert.All(locked, x => Assert.Contains("Five minutes of Guix", x.Body));
        Assert.All(locked, x => Assert.DoesNotContain("Lina Lightning", x.Body));

        var cancelled = got.Single(x => x.EventType == WebhookEventTypes.SessionCancelled);
        Assert.Contains("Webhooks for everyone", cancelled.Body);
        Assert.Contains("\"state\":\"accepted\"", got.Single(x => x.EventType == WebhookEventTypes.ProposalStateChanged).Body);
        // A wrong secret does not verify.
        Assert.False(WebhookRules.Verify("whsec_wrong", got[0].Signature, got[0].Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_then_succeeds_gets_the_delivery_with_each_attempt_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (n, _) => n <= 3 ? 503 : 200;
        var s = await ScheduleKit.CreateAsync(app, "hooks-retry");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url(), WebhookEventTypes.ScheduleReleased);
        (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();

        var dispatcher = app.Services.GetRequiredService<IWebhookDispatcher>();
        for (var failures = 1; failures <= 3; failures++)
        {
            await receiver.WaitUntilAsync(all => all.Count >= failures, $"attempt {failures} arrived");
            // The retry is due after its backoff on the app's clock (which the test moves), then a drain picks it up.
            await WaitForAsync(async () => (await app.DeliveriesAsync(await app.EventIdAsync(s.Slug))).Single().State == WebhookDeliveryStates.Pending, "the failure recorded");
            app.Clock.Advance(TimeSpan.FromHours(1));
            dispatcher.Kick();
        }
        await receiver.WaitUntilAsync(all => all.Count(x => x.AnsweredWith == 200) == 1, "the fourth attempt succeeded");
        await WaitForAsync(async () => (await app.DeliveriesAsync(await app.EventIdAsync(s.Slug))).Single().State == WebhookDeliveryStates.Delivered, "delivered recorded");

        Assert.Equal([503, 503, 503, 200], receiver.All.Select(x => x.AnsweredWith));
        Assert.Single(receiver.All.Select(x => x.DeliveryId).Distinct()); // the same delivery each time
        var log = await s.Organiser.GetFromJsonAsync<List<WebhookDeliveryResponse>>($"/api/events/{s.Slug}/webhooks/deliveries");
        var one = await s.Organiser.GetFromJsonAsync<WebhookDeliveryResponse>($"/api/events/{s.Slug}/webhooks/deliveries/{Assert.Single(log!).Id}");
        Assert.Equal(("delivered", 4), (one!.State, one.Attempts));
        Assert.Equal([503, 503, 503, 200], one.AttemptLog!.Select(a => a.Status ?? 0));
        Assert.Equal("thanks", one.AttemptLog![3].ResponseExcerpt);
    }

    [Fact]
    public async Task A_rolled_back_change_sends_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var s = await ScheduleKit.CreateAsync(app, "hooks-rollback");
        await s.Organiser.AddEndpointAsync(s.Slug, receiver.Url());
        var eventId = await app.EventIdAsync(s.Slug);
        var outbox = app.Services.GetRequiredService<WebhookOutbox>();

        // The change writes its delivery, then fails before commit.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<Db>().WriteAsync(async (c, tx) =>
        {
            Assert.Equal(1, await outbox.PublishAsync(c, tx, eventId, WebhookEventTypes.ScheduleReleased, new { version = 99 }));
            throw new InvalidOperationException("the change failed");
        }));
        // A refused release (errors without an override) is rolled back the same way: two sessions in one room at once.
        var a = await s.SessionAsync("Clash A");
        var b = await s.SessionAsync("Clash B");
        await s.PlaceAsync(a, s.Janson, "10:00");
        await s.PlaceAsync(b, s.Janson, "10:00");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await s.Organiser.PostAsJsonAsync($"{s.Api}/releases", new { notify = "none" })).StatusCode);
        outbox.Kick();
        await Task.Delay(1500);

        Assert.Empty(await app.DeliveriesAsync(eventId));
        Assert.Empty(receiver.All);
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
