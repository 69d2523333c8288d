using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>Ticket notifications go through the outbox: in the transaction of the change, once per recipient, into their inbox.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TicketNoticesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task<List<string>> InboxKindsAsync(TestUser user) =>
        (await user.Api.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox"))!.Select(i => i.Kind).ToList();

    private static Task<HttpResponseMessage> OfferAsync(TestUser holder, long ticketId, string email, string name = "Friend", string note = "") =>
        holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticketId}/transfers", new { recipientEmail = email, recipientName = name, note });

    private static Task<HttpResponseMessage> AcceptAsync(TestUser user, string token) =>
        user.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "New Holder", tshirtSize = "M", dietary = "" });

    [Fact]
    public async Task A_ticket_offered_to_an_address_without_an_account_is_mailed_there_only_and_accepted_once_they_sign_up()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var friend = TicketKit.Unique("friend") + "@example.org";

        var offered = await OfferAsync(ana, ticket.Id, friend, "Friend", note: "enjoy the keynote");
        var transfer = (await offered.Content.ReadFromJsonAsync<TransferResponse>())!;

        var mail = await app.Mail.WaitForAsync(friend, "offers you a ticket");
        var token = await app.TransferTokenInAsync(friend);
        Assert.StartsWith("Hello Friend,", mail.TextBody);
        Assert.Contains("wrote: “enjoy the keynote”", mail.TextBody);
        var row = Assert.Single(await app.OutboxAsync($"transfer-offered:{transfer.Id}:"));
        Assert.Null(row.UserId);
        Assert.False(row.InInbox);
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(row.Id)).State == NotificationStates.Sent, "the offer is recorded as sent");
        Assert.Equal("{}", (await app.RowAsync(row.Id)).Payload); // the token does not linger in the outbox

        var joined = new TestUser(0, friend, await app.CreateApiClientAsync(friend));
        var accepted = await AcceptAsync(joined, token);
        var retried = await AcceptAsync(joined, token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retried.StatusCode);
        Assert.Equal(2, (await app.OutboxAsync($"transfer-accepted:{transfer.Id}:")).Count); // one to each side, the retry adds none
        var secret = await app.TicketSecretInAsync(friend);
        Assert.Equal((await joined.MyTicketsAsync()).Single().Secret, secret);
        Assert.Contains(TicketNotificationKinds.TicketReceived.Name, await InboxKindsAsync(joined));
        Assert.DoesNotContain(TicketNotificationKinds.TransferOffered.Name, await InboxKindsAsync(joined));
        await app.Mail.WaitForAsync(ana.Email, "accepted your ticket");
        var anas = await InboxKindsAsync(ana);
        Assert.Contains(TicketNotificationKinds.TicketConfirmed.Name, anas);
        Assert.Contains(TicketNotificationKinds.TransferOfferSent.Name, anas);
        Assert.Contains(TicketNotificationKinds.TicketHandedOver.Name, anas);
    }

    [Fact]
    public async Task Orders_the_waiting_list_and_the_board_tell_each_person_once_into_their_inbox()
    {
        var ev = await app.EventAsync();
        var paid = await ev.TypeAsync(price: 20, quota: 1);
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var cy = await app.UserAsync();

        // A paid order waits, then is marked paid twice (a double click): one confirmation per ticket.
        var order = (await (await ana.Api.RegisterAsync(ev.Slug, paid)).Content.ReadFromJsonAsync<RegistrationResponse>())!.Order!;
        await bo.Api.RegisterAsync(ev.Slug, paid); // waiting list
        await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{order.Id}/mark-paid", null);
        await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{order.Id}/mark-paid", null);
        Assert.Single(await app.OutboxAsync($"registration-pending:{order.Id}:"));
        Assert.Single(await app.OutboxAsync($"ticket-confirmed:{order.Tickets.Single().Id}:"));

        // Ana gives her ticket back: the place goes to Bo, who hears it once.
        await ana.Api.PostAsync($"/api/my/tickets/{order.Tickets.Single().Id}/cancel", null);
        await app.Mail.WaitForAsync(bo.Email, "is free for you");

        // A board offer: Bo and Cy ask for it, then the holder withdraws it: both requesters hear it has gone.
        var free = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var boardTicket = await holder.TicketAsync(ev.Slug, free);
        var offer = (await (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{boardTicket.Id}/community-offer", new { note = "spare" }))
            .Content.ReadFromJsonAsync<TransferResponse>())!;
        await bo.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "me please" });
        await cy.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "or me" });
        await holder.Api.PostAsync($"/api/my/transfers/{offer.Id}/cancel", null);
        await app.Mail.WaitForAsync(cy.Email, "has gone");
        await app.Mail.WaitForAsync(holder.Email, "cancelled by the holder");

        Assert.Equal(2, (await app.OutboxAsync($"offer-gone:{offer.Id}:")).Count);
        Assert.Contains(TicketNotificationKinds.RegistrationPending.Name, await InboxKindsAsync(ana));
        Assert.Contains(TicketNotificationKinds.TicketConfirmed.Name, await InboxKindsAsync(ana));
        var bos = await InboxKindsAsync(bo);
        Assert.Contains(TicketNotificationKinds.WaitingListOffer.Name, bos);
        Assert.Contains(TicketNotificationKinds.BoardOfferGone.Name, bos);
        Assert.Contains(TicketNotificationKinds.TransferClosed.Name, await InboxKindsAsync(holder));
    }

    [Fact]
    public async Task A_refused_order_a_chosen_request_and_a_transfer_awaiting_approval_reach_the_inbox()
    {
        var ev = await app.EventAsync();
        var approval = await ev.TypeAsync(approval: true);
        var needsOk = await ev.TypeAsync(transferability: "approval");
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();

        var order = (await (await ana.Api.RegisterAsync(ev.Slug, approval)).Content.ReadFromJsonAsync<RegistrationResponse>())!.Order!;
        (await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{order.Id}/refuse", null)).EnsureSuccessStatusCode();
        var ticket = await ana.TicketAsync(ev.Slug, needsOk);
        var offer = (await (await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "", autoFirst = true }))
            .Content.ReadFromJsonAsync<TransferResponse>())!;
        await bo.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "thanks" });
        var accepted = await AcceptAsync(bo, await app.TransferTokenInAsync(bo.Email));

        Assert.Equal(AcceptOutcomes.AwaitingApproval, (await accepted.Content.ReadFromJsonAsync<AcceptResponse>())!.Outcome);
        await app.Mail.WaitForAsync(ana.Email, "waits for the organisers");
        Assert.Contains(TicketNotificationKinds.RegistrationRefused.Name, await InboxKindsAsync(ana));
        Assert.Contains(TicketNotificationKinds.TransferAwaitingApproval.Name, await InboxKindsAsync(ana));
        var bos = await InboxKindsAsync(bo);
        Assert.Contains(TicketNotificationKinds.BoardRequestChosen.Name, bos);
        Assert.Contains(TicketNotificationKinds.TransferAwaitingApproval.Name, bos);
    }

    [Fact]
    public async Task A_notification_written_in_a_transaction_that_rolls_back_is_gone_with_it()
    {
        var ev = await app.EventAsync();
        var ana = await app.UserAsync();
        var notices = app.Services.GetRequiredService<TicketNotices>();
        OutboxBatch? batch = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<Outbox>().WriteWithNoticesAsync(async (c, tx, written) =>
        {
            batch = written;
            await batch.AddAsync(c, tx, notices.RegistrationRefused(new Person { Id = ana.Id, Email = ana.Email, Name = "Ana" }, ev.Id, 424242, "Community"));
            throw new InvalidOperationException("the refusal failed after its notice was written");
        }));

        Assert.Equal(1, batch!.Queued);
        Assert.Empty(await app.OutboxAsync("registration-refused:424242:"));
    }

    [Fact]
    public async Task Both_sides_of_a_waiting_transfer_are_reminded_once_a_day_before_it_lapses()
    {
        var ev = await app.EventAsync(startsInDays: 60);
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var friend = TicketKit.Unique("later") + "@example.org";
        var transfer = (await (await OfferAsync(ana, ticket.Id, friend, "Lee")).Content.ReadFromJsonAsync<TransferResponse>())!;
        var token = await app.TransferTokenInAsync(friend);
        var reminders = app.Services.GetRequiredService<ReminderJob>();

        await reminders.RunAsync(CancellationToken.None);
        Assert.Empty(await app.OutboxAsync($"transfer-expiring:{transfer.Id}:"));

        app.Clock.SetUtcNow(transfer.ExpiresAt.AddHours(-20));
        await reminders.RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);

        var recipient = await app.Mail.WaitForAsync(friend, "is still waiting for you");
        Assert.Contains($"/transfers/{token}", recipient.TextBody);
        Assert.Null(recipient.UnsubscribeUrl); // about one offer made to them, like the offer itself
        var holder = await app.Mail.WaitForAsync(ana.Email, "has not accepted your ticket");
        Assert.StartsWith("Lee has not accepted", holder.Subject);
        Assert.NotNull(holder.UnsubscribeUrl);
        Assert.Contains(TicketNotificationKinds.TransferExpiringHolderReminder.Name, await InboxKindsAsync(ana));
        Assert.Null(Assert.Single(await app.OutboxAsync($"transfer-expiring:{transfer.Id}:")).UserId);
        Assert.Single(await app.OutboxAsync($"transfer-expiring-holder:{transfer.Id}:"));

        // It lapses: the recurring expiry tells both sides, and no reminder follows.
        app.Clock.SetUtcNow(transfer.ExpiresAt.AddMinutes(1));
        await app.Services.GetRequiredService<TicketExpiryJob>().RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);
        await app.Mail.WaitForAsync(friend, "not accepted in time");
        Assert.Single(await app.OutboxAsync($"transfer-expiring:{transfer.Id}:"));
    }

    [Fact]
    public async Task An_offer_made_less_than_a_day_before_it_lapses_earns_no_reminder()
    {
        var now = app.Clock.GetUtcNow();
        app.Clock.SetUtcNow(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(9), TimeSpan.Zero)); // 17:00 in Kuala Lumpur
        var ev = await app.EventAsync(startsInDays: 2); // starts at midnight there the day after tomorrow
        var type = await ev.TypeAsync(transferDeadlineDays: 1); // transfers close hours from now
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var transfer = (await (await OfferAsync(ana, ticket.Id, bo.Email)).Content.ReadFromJsonAsync<TransferResponse>())!;
        Assert.True(transfer.ExpiresAt - app.Clock.GetUtcNow() < TransferExpiringReminders.Ahead);

        await app.Services.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);

        Assert.Empty(await app.OutboxAsync($"transfer-expiring:{transfer.Id}:"));
        Assert.Empty(await app.OutboxAsync($"transfer-expiring-holder:{transfer.Id}:"));
        Assert.Contains(TicketNotificationKinds.TransferOffered.Name, await InboxKindsAsync(bo)); // a member gets the offer in the inbox too
    }

    [Fact]
    public async Task Holders_of_every_type_and_of_each_type_are_bulk_mail_groups()
    {
        var ev = await app.EventAsync();
        var community = await ev.TypeAsync(name: "Community");
        var supporter = await ev.TypeAsync(name: "Supporter", price: 50);
        var other = await app.EventAsync();
        var elsewhere = await other.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var cy = await app.UserAsync();
        await ana.TicketAsync(ev.Slug, community);
        await bo.TicketAsync(ev.Slug, community);
        await cy.Api.RegisterAsync(ev.Slug, supporter); // unpaid: not held yet
        var source = app.Services.GetServices<IAudienceSource>().OfType<TicketHolderAudienceSource>().Single();

        var options = await app.Services.GetRequiredService<BulkMail>().OptionsAsync(ev.Id);

        Assert.Contains(options, o => o.Key == TicketHolderAudienceSource.All);
        Assert.Contains(options, o => o.Key == TicketHolderAudienceSource.OfType(community) && o.Label == "Holders of Community tickets");
        Assert.Contains(options, o => o.Key == TicketHolderAudienceSource.OfType(supporter));
        Assert.DoesNotContain(options, o => o.Key == TicketHolderAudienceSource.OfType(elsewhere));
        Assert.Equal(new[] { ana.Id, bo.Id }.Order(), (await source.MembersAsync(ev.Id, TicketHolderAudienceSource.All))!);
        Assert.Equal(new[] { ana.Id, bo.Id }.Order(), (await source.MembersAsync(ev.Id, TicketHolderAudienceSource.OfType(community)))!);
        Assert.Empty((await source.MembersAsync(ev.Id, TicketHolderAudienceSource.OfType(supporter)))!);
        Assert.Null(await source.MembersAsync(ev.Id, TicketHolderAudienceSource.OfType(elsewhere)));
        Assert.Null(await source.MembersAsync(ev.Id, "speakers"));
    }
}
