using Dapper;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.TestSupport;
using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

/// <summary>
/// A real action whose transaction fails after its webhook row was written sends nothing, and its change is not saved
/// either. The failure is a trigger that aborts the delivery row's insert, written in each engine's own dialect.
/// </summary>
[Trait("Engine", "Both")]
public sealed class WebhookRollbackTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_check_in_or_a_bof_booking_that_rolls_back_sends_nothing_and_saves_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var t = await app.EventAsync();
        await t.Organiser.AddEndpointAsync(t.Slug, receiver.Url("/door"), WebhookEventTypes.TicketCheckedIn);
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(t.Slug, await t.TypeAsync());
        var b = await BofKit.CreateAsync(app, "hooks-rollback-bofs");
        await b.Organiser.AddEndpointAsync(b.Slug, receiver.Url("/bofs"), WebhookEventTypes.BofBooked);
        var bof = await b.ProposeAsync(await app.UserAsync("bof-host"), "Packaging for Nix");

        await ExecuteAsync(TestPostgres.HostsRunOnPostgres
            ? """
              CREATE FUNCTION test_fail_after_publish() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'the change failed'; END $$;
              CREATE TRIGGER test_fail_after_publish AFTER INSERT ON webhook_deliveries FOR EACH ROW
              WHEN (NEW.event_type IN ('ticket.checked_in', 'bof.booked')) EXECUTE FUNCTION test_fail_after_publish();
              """
            : """
              CREATE TRIGGER test_fail_after_publish AFTER INSERT ON webhook_deliveries
              WHEN NEW.event_type IN ('ticket.checked_in', 'bof.booked') BEGIN SELECT RAISE(ABORT, 'the change failed'); END
              """);
        Assert.False((await t.Organiser.CheckInAsync(t.Slug, ticket.Secret)).IsSuccessStatusCode);
        Assert.False((await b.BookAsync(b.Organiser, bof.Id, b.Lunch)).IsSuccessStatusCode);
        app.Services.GetRequiredService<IWebhookDispatcher>().Kick();
        await Task.Delay(1000);

        Assert.Empty(await app.DeliveriesAsync(t.Id));
        Assert.Empty(await app.DeliveriesAsync(await app.EventIdAsync(b.Slug)));
        Assert.Empty(receiver.All);
        Assert.Null((await ana.MyTicketsAsync()).Single().CheckedInAt); // the check-in rolled back with its webhook
        Assert.Null((await (await b.Organiser.GetAsync($"{b.Api}/{bof.Id}")).ReadBofAsync()).Booking); // nor was the BoF booked

        // Once the failure is gone, the same actions commit and publish once each.
        await ExecuteAsync(TestPostgres.HostsRunOnPostgres
            ? "DROP TRIGGER test_fail_after_publish ON webhook_deliveries; DROP FUNCTION test_fail_after_publish()"
            : "DROP TRIGGER test_fail_after_publish");
        (await t.Organiser.CheckInAsync(t.Slug, ticket.Secret)).EnsureSuccessStatusCode();
        await (await b.BookAsync(b.Organiser, bof.Id, b.Lunch)).ReadBofAsync();
        await receiver.WaitUntilAsync(all => all.Count >= 2, "both arrived");
        await Task.Delay(500);
        Assert.Equal([WebhookEventTypes.BofBooked, WebhookEventTypes.TicketCheckedIn], receiver.All.Select(x => x.EventType).Order());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        await c.ExecuteAsync(sql);
    }
}
