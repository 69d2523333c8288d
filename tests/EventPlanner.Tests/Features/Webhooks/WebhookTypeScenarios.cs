using System.Net.Http.Json;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Community;
using EventPlanner.Tests.Features.Lightning;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.TestSupport;
using EventPlanner.Web.Infrastructure.Webhooks;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// The real actions, through HTTP, that publish the types added after the first six: each scenario makes its own event,
/// subscribes an endpoint to just its types (so the automatic releases they cause do not count), acts, and returns how
/// many deliveries of each type it expects and the secret that signs them.
/// </summary>
internal static class WebhookTypeScenarios
{
    public sealed record Expected(string Secret, Dictionary<string, int> Counts);

    /// <summary>Two check-ins (by code, and by the desk's name search), a second scan of the same code (refused, so not published), and an order confirmed by approval.</summary>
    public static async Task<Expected> TicketsAsync(WebhookApp app, WebhookReceiver receiver)
    {
        var t = await app.EventAsync();
        var endpoint = await t.Organiser.AddEndpointAsync(t.Slug, receiver.Url("/checkin"), WebhookEventTypes.TicketCheckedIn, WebhookEventTypes.TicketIssued);
        var type = await t.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var anas = await ana.TicketAsync(t.Slug, type);
        var bos = await bo.TicketAsync(t.Slug, type);
        (await t.Organiser.CheckInAsync(t.Slug, anas.Secret)).EnsureSuccessStatusCode();
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await t.Organiser.CheckInAsync(t.Slug, anas.Secret)).StatusCode);
        (await t.Organiser.PostAsync($"/api/events/{t.Slug}/check-in/tickets/{bos.Id}", null)).EnsureSuccessStatusCode();

        // A ticket that waits for the organisers' approval is issued (and published) when they approve it, not before.
        var vetted = await t.TypeAsync(approval: true);
        var cy = await app.UserAsync();
        var pending = await (await cy.Api.RegisterAsync(t.Slug, vetted)).Content.ReadFromJsonAsync<EventPlanner.Web.Features.Tickets.RegistrationResponse>();
        Assert.Equal("pending", pending!.Outcome);
        (await t.Organiser.PostAsync($"/api/events/{t.Slug}/orders/{pending.Order!.Id}/approve", null)).EnsureSuccessStatusCode();
        return new(endpoint.Secret!, new() { [WebhookEventTypes.TicketCheckedIn] = 2, [WebhookEventTypes.TicketIssued] = 3 });
    }

    /// <summary>An organiser closes an open call early (closing time set to a minute ago), then re-opens it by extending it.</summary>
    public static async Task<Expected> CfpAsync(WebhookApp app, WebhookReceiver receiver)
    {
        var e = await CfpKit.CreateAsync(app, "hooks-types-cfp"); // open since yesterday: announced silently, nobody was subscribed
        var endpoint = await e.Organiser.AddEndpointAsync(e.Slug, receiver.Url("/cfp"), WebhookEventTypes.CfpOpened, WebhookEventTypes.CfpClosed);
        var now = app.Clock.GetUtcNow();
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp", new { opensAt = CfpKit.Local(now.AddDays(-1)), closesAt = CfpKit.Local(now.AddMinutes(-1)), intro = "" }))
            .EnsureSuccessStatusCode();
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/cfp", new { opensAt = CfpKit.Local(now.AddDays(-1)), closesAt = CfpKit.Local(now.AddDays(7)), intro = "" }))
            .EnsureSuccessStatusCode();
        return new(endpoint.Secret!, new() { [WebhookEventTypes.CfpOpened] = 1, [WebhookEventTypes.CfpClosed] = 1 });
    }

    /// <summary>An organiser approves a group's room request; declining another publishes nothing.</summary>
    public static async Task<Expected> CommunityAsync(WebhookApp app, WebhookReceiver receiver)
    {
        var c = await CommunityKit.CreateAsync(app, "hooks-types-community");
        var endpoint = await c.Organiser.AddEndpointAsync(c.Slug, receiver.Url("/community"), WebhookEventTypes.CommunityBlockApproved);
        await c.ApprovedBlockAsync(c.Schedule.Small, "14:00", "16:00");
        var other = await c.RequestAsync(c.Schedule.Medium, "10:00", "11:00");
        (await c.Organiser.PostAsJsonAsync($"{c.Api}/requests/{other.Id}/decline", new { reason = "The room is needed for the keynote overflow." })).EnsureSuccessStatusCode();
        return new(endpoint.Secret!, new() { [WebhookEventTypes.CommunityBlockApproved] = 1 });
    }

    /// <summary>A BoF booked, moved to another slot, then cancelled.</summary>
    public static async Task<Expected> BofsAsync(WebhookApp app, WebhookReceiver receiver)
    {
        var b = await BofKit.CreateAsync(app, "hooks-types-bofs");
        var endpoint = await b.Organiser.AddEndpointAsync(b.Slug, receiver.Url("/bofs"), WebhookEventTypes.BofBooked, WebhookEventTypes.BofCancelled);
        var proposer = await app.UserAsync("bof-host");
        var bof = await b.ProposeAsync(proposer, "Reproducible builds in practice");
        await (await b.BookAsync(b.Organiser, bof.Id, b.Lunch)).ReadBofAsync();
        await (await b.BookAsync(b.Organiser, bof.Id, b.Evening)).ReadBofAsync();
        await (await b.CancelAsync(b.Organiser, bof.Id)).ReadBofAsync();
        return new(endpoint.Secret!, new() { [WebhookEventTypes.BofBooked] = 2, [WebhookEventTypes.BofCancelled] = 1 });
    }

    /// <summary>A line-up locked, locked again (nothing changes), unlocked and locked once more: two locks.</summary>
    public static async Task<Expected> LightningAsync(WebhookApp app, WebhookReceiver receiver)
    {
        var l = await LightningKit.CreateAsync(app, "hooks-types-lightning");
        var endpoint = await l.Organiser.AddEndpointAsync(l.Slug, receiver.Url("/lightning"), WebhookEventTypes.LightningLineupLocked);
        var speaker = await app.PersonAsync("hooks-lightning@example.org", "Lina Lightning");
        await speaker.SignedUpAsync(l, "Five minutes of Guix");
        (await l.Organiser.PostAsync($"{l.Api}/lock", null)).EnsureSuccessStatusCode();
        (await l.Organiser.PostAsync($"{l.Api}/lock", null)).EnsureSuccessStatusCode();
        (await l.Organiser.DeleteAsync($"{l.Api}/lock")).EnsureSuccessStatusCode();
        (await l.Organiser.PostAsync($"{l.Api}/lock", null)).EnsureSuccessStatusCode();
        return new(endpoint.Secret!, new() { [WebhookEventTypes.LightningLineupLocked] = 2 });
    }
}
