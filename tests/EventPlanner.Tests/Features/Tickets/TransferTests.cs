using System.Net;
using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TransferTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static Task<HttpResponseMessage> OfferAsync(TestUser holder, long ticketId, TestUser to, string note = "") =>
        holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticketId}/transfers", new { recipientEmail = to.Email, recipientName = "Recipient", note });

    private static Task<HttpResponseMessage> AcceptAsync(TestUser user, string token, string badge = "New Holder") =>
        user.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = badge, tshirtSize = "L", dietary = "vegan" });

    [Fact]
    public async Task Accepting_a_direct_transfer_moves_the_ticket_rotates_the_secret_records_it_and_tells_both()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var offered = await OfferAsync(ana, ticket.Id, bo, "can't make it");
        var token = await app.TransferTokenInAsync(bo.Email);
        var accepted = await AcceptAsync(bo, token);

        Assert.Equal(HttpStatusCode.Created, offered.StatusCode);
        Assert.Equal(AcceptOutcomes.Completed, (await accepted.Content.ReadFromJsonAsync<AcceptResponse>())!.Outcome);
        Assert.Empty(await ana.MyTicketsAsync());
        var now = (await bo.MyTicketsAsync()).Single();
        Assert.Equal(ticket.Id, now.Id);
        Assert.NotEqual(ticket.Secret, now.Secret);
        Assert.Equal("New Holder", now.BadgeName);
        Assert.Equal(now.Secret, await app.TicketSecretInAsync(bo.Email));
        await app.Mail.WaitForAsync(ana.Email, "accepted your ticket");
        await app.Mail.WaitForAsync(ana.Email, "You offered your ticket");

        var old = await ev.Organiser.CheckInAsync(ev.Slug, ticket.Secret);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Equal(CheckInOutcomes.Replaced, (await old.Content.ReadFromJsonAsync<CheckInResponse>())!.Outcome);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(ticket.QrUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.CheckInAsync(ev.Slug, now.Secret)).StatusCode);

        var log = await ev.Organiser.GetFromJsonAsync<List<HolderChangeResponse>>($"/api/events/{ev.Slug}/holder-changes");
        var change = log!.Single();
        Assert.Equal(ticket.Id, change.TicketId);
        Assert.Equal(bo.Email.Split('@')[0], change.To);
        Assert.Equal(ana.Email.Split('@')[0], change.From);
        Assert.Contains("can't make it", change.Reason);
        Assert.Null(change.ApprovedBy);
    }

    [Fact]
    public async Task The_old_holder_cannot_transfer_cancel_or_reuse_the_link_once_the_ticket_has_moved()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        await OfferAsync(ana, ticket.Id, bo);
        var token = await app.TransferTokenInAsync(bo.Email);
        await AcceptAsync(bo, token);

        var backToAna = await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers", new { recipientEmail = ana.Email.Replace("@", "+x@"), recipientName = "Me again" });
        var board = await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "mine" });
        var cancel = await ana.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);
        var reuse = await AcceptAsync(bo, token);

        Assert.Equal(HttpStatusCode.NotFound, backToAna.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, board.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Contains("already been handed over", await reuse.Content.ReadAsStringAsync());
        Assert.Equal(ticket.Id, (await bo.MyTicketsAsync()).Single().Id);
    }

    [Fact]
    public async Task The_holder_can_cancel_before_acceptance_and_both_sides_are_told()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var transfer = (await (await OfferAsync(ana, ticket.Id, bo)).Content.ReadFromJsonAsync<TransferResponse>())!;
        var token = await app.TransferTokenInAsync(bo.Email);

        var byOther = await bo.Api.PostAsync($"/api/my/transfers/{transfer.Id}/cancel", null);
        var cancelled = await ana.Api.PostAsync($"/api/my/transfers/{transfer.Id}/cancel", null);
        var accept = await AcceptAsync(bo, token);

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Contains("cancelled", await accept.Content.ReadAsStringAsync());
        await app.Mail.WaitForAsync(bo.Email, "cancelled by the holder");
        await app.Mail.WaitForAsync(ana.Email, "cancelled by the holder");
        Assert.Equal(ticket.Secret, (await ana.MyTicketsAsync()).Single().Secret);
    }

    [Fact]
    public async Task An_offer_expires_and_the_transfer_deadline_closes_transfers()
    {
        var ev = await app.EventAsync(startsInDays: 20);
        var type = await ev.TypeAsync(transferDeadlineDays: 7);
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        await OfferAsync(ana, ticket.Id, bo);
        var token = await app.TransferTokenInAsync(bo.Email);

        app.Clock.Advance(TimeSpan.FromDays(8));
        var expired = await AcceptAsync(bo, token);
        var reoffer = await OfferAsync(ana, ticket.Id, bo);
        var lateToken = await app.TransferTokenInAsync(bo.Email, token);
        app.Clock.Advance(TimeSpan.FromDays(5)); // now 13 days on: the deadline (7 days before the start) has passed
        var afterDeadline = await OfferAsync(ana, ticket.Id, bo);
        var acceptAfterDeadline = await AcceptAsync(bo, lateToken);

        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
        await app.Mail.WaitForAsync(ana.Email, "not accepted in time");
        Assert.Equal(HttpStatusCode.Created, reoffer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterDeadline.StatusCode);
        Assert.Contains("Transfers for this ticket closed", await afterDeadline.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, acceptAfterDeadline.StatusCode);
        Assert.Single(await ana.MyTicketsAsync());
    }

    [Fact]
    public async Task A_non_transferable_ticket_cannot_be_offered()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(transferability: "none");
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var direct = await OfferAsync(ana, ticket.Id, bo);
        var board = await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "" });

        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Contains("cannot be transferred", await direct.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, board.StatusCode);
        Assert.False(ticket.Transferable);
    }

    [Fact]
    public async Task With_organiser_approval_the_accepted_transfer_waits_and_the_approver_is_recorded()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(transferability: "approval");
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var transfer = (await (await OfferAsync(ana, ticket.Id, bo)).Content.ReadFromJsonAsync<TransferResponse>())!;

        var accepted = await AcceptAsync(bo, await app.TransferTokenInAsync(bo.Email));
        var stillAnas = await ana.MyTicketsAsync();
        var waiting = await ev.Organiser.GetFromJsonAsync<List<TransferResponse>>($"/api/events/{ev.Slug}/transfers/awaiting-approval");
        var byHolder = await ana.Api.PostAsync($"/api/events/{ev.Slug}/transfers/{transfer.Id}/approve", null);
        var approved = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/transfers/{transfer.Id}/approve", null);

        Assert.Equal(AcceptOutcomes.AwaitingApproval, (await accepted.Content.ReadFromJsonAsync<AcceptResponse>())!.Outcome);
        Assert.Equal(ticket.Secret, stillAnas.Single().Secret);
        Assert.Equal(transfer.Id, waiting!.Single().Id);
        Assert.Equal(HttpStatusCode.Forbidden, byHolder.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Empty(await ana.MyTicketsAsync());
        Assert.Equal("New Holder", (await bo.MyTicketsAsync()).Single().BadgeName);
        var change = (await ev.Organiser.GetFromJsonAsync<List<HolderChangeResponse>>($"/api/events/{ev.Slug}/holder-changes"))!.Single();
        Assert.Equal(ev.OrganiserEmail.Split('@')[0], change.ApprovedBy);
    }

    [Fact]
    public async Task A_refused_transfer_leaves_the_ticket_with_its_holder()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(transferability: "approval");
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var transfer = (await (await OfferAsync(ana, ticket.Id, bo)).Content.ReadFromJsonAsync<TransferResponse>())!;
        await AcceptAsync(bo, await app.TransferTokenInAsync(bo.Email));

        var refused = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/transfers/{transfer.Id}/refuse", null);

        Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
        Assert.Equal(ticket.Secret, (await ana.MyTicketsAsync()).Single().Secret);
        Assert.Empty(await bo.MyTicketsAsync());
        await app.Mail.WaitForAsync(bo.Email, "not approved");
    }

    [Fact]
    public async Task Bad_transfer_input_and_self_acceptance_are_refused_with_messages()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var noEmail = await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers", new { recipientEmail = "not-an-email", recipientName = "" });
        var toSelf = await ana.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers", new { recipientEmail = ana.Email, recipientName = "Me" });
        await OfferAsync(ana, ticket.Id, bo);
        var twice = await OfferAsync(ana, ticket.Id, bo);
        var selfAccept = await AcceptAsync(ana, await app.TransferTokenInAsync(bo.Email));
        var noBadge = await bo.Api.PostAsJsonAsync($"/api/transfers/{await app.TransferTokenInAsync(bo.Email)}/accept", new { badgeName = "" });
        var unknownToken = await AcceptAsync(bo, "tr_" + new string('z', 43));

        Assert.Contains("\"recipientEmail\"", await noEmail.Content.ReadAsStringAsync());
        Assert.Contains("\"recipientName\"", await noEmail.Content.ReadAsStringAsync());
        Assert.Contains("your own address", await toSelf.Content.ReadAsStringAsync());
        Assert.Contains("already on offer", await twice.Content.ReadAsStringAsync());
        Assert.Contains("your own offer", await selfAccept.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noBadge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownToken.StatusCode);
    }

    [Fact]
    public async Task A_direct_offer_is_for_the_account_with_the_address_it_was_made_to_and_anyone_else_with_the_link_gets_403()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var eve = await app.UserAsync("eve");
        var ticket = await ana.TicketAsync(ev.Slug, type);
        await OfferAsync(ana, ticket.Id, bo);
        var token = await app.TransferTokenInAsync(bo.Email);

        var look = await eve.Api.GetAsync($"/api/transfers/{token}");
        var take = await AcceptAsync(eve, token);
        var decline = await eve.Api.PostAsync($"/api/transfers/{token}/decline", null);

        foreach (var response in new[] { look, take, decline })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("someone else", text);
            Assert.Contains($"{bo.Email[0]}•••@example.org", System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
            Assert.DoesNotContain(bo.Email, text);
        }
        Assert.Single(await ana.MyTicketsAsync());
        // The named recipient (any case of the address) still can.
        Assert.Equal(HttpStatusCode.OK, (await bo.Api.GetAsync($"/api/transfers/{token}")).StatusCode);
        Assert.Equal(AcceptOutcomes.Completed, (await (await AcceptAsync(bo, token)).Content.ReadFromJsonAsync<AcceptResponse>())!.Outcome);
    }

    [Fact]
    public async Task An_account_whose_address_matches_but_is_not_confirmed_cannot_take_a_direct_offer()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        await OfferAsync(ana, ticket.Id, bo);
        var token = await app.TransferTokenInAsync(bo.Email);
        await app.Services.GetRequiredService<Db>().WriteAsync((c, tx) =>
            c.ExecuteAsync("UPDATE users SET email_confirmed = FALSE WHERE id = @Id", new { bo.Id }, tx));

        Assert.Equal(HttpStatusCode.Forbidden, (await AcceptAsync(bo, token)).StatusCode);
    }
}
