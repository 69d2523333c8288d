using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityBoardTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task<TransferResponse> OfferAsync(TestUser holder, long ticketId, bool autoFirst = false) =>
        (await (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticketId}/community-offer",
            new { note = "for an established FOSS developer without funding", autoFirst })).Content.ReadFromJsonAsync<TransferResponse>())!;

    private static Task<HttpResponseMessage> RequestAsync(TestUser user, string slug, long offerId, string message = "I maintain a distro") =>
        user.Api.PostAsJsonAsync($"/api/events/{slug}/board/{offerId}/requests", new { message });

    [Fact]
    public async Task The_holder_picks_a_request_the_chosen_one_accepts_and_the_others_are_told_it_has_gone()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var offer = await OfferAsync(holder, ticket.Id);

        var board = await app.CreateClient().GetFromJsonAsync<List<TransferResponse>>($"/api/events/{ev.Slug}/board");
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(ana, ev.Slug, offer.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(bo, ev.Slug, offer.Id)).StatusCode);
        var twice = await RequestAsync(bo, ev.Slug, offer.Id);
        var own = await holder.Api.GetFromJsonAsync<OwnTransferResponse>($"/api/my/transfers/{offer.Id}");
        var notYours = await ana.Api.GetAsync($"/api/my/transfers/{offer.Id}");
        var anasRequest = own!.Requests.Single(r => r.Message == "I maintain a distro" && r.RequesterName == ana.Email.Split('@')[0]);
        var chosen = await holder.Api.PostAsync($"/api/my/transfers/{offer.Id}/requests/{anasRequest.Id}/choose", null);
        var boardAfter = await app.CreateClient().GetFromJsonAsync<List<TransferResponse>>($"/api/events/{ev.Slug}/board");
        var token = await app.TransferTokenInAsync(ana.Email);
        var boCannot = await bo.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Bo" });
        var accepted = await ana.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Ana" });

        Assert.Equal(offer.Id, board!.Single().Id);
        Assert.Contains("already asked", await twice.Content.ReadAsStringAsync());
        Assert.Equal(2, own.Requests.Count);
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, chosen.StatusCode);
        Assert.Empty(boardAfter!);
        Assert.Equal(HttpStatusCode.NotFound, boCannot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(ticket.Id, (await ana.MyTicketsAsync()).Single().Id);
        await app.Mail.WaitForAsync(bo.Email, "has gone");
        await app.Mail.WaitForAsync(holder.Email, "accepted your ticket");
        var change = (await ev.Organiser.GetFromJsonAsync<List<HolderChangeResponse>>($"/api/events/{ev.Slug}/holder-changes"))!.Single();
        Assert.Contains("community offer", change.Reason);
    }

    [Fact]
    public async Task With_first_request_wins_the_first_requester_is_chosen_at_once_and_later_ones_are_refused()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var offer = await OfferAsync(holder, ticket.Id, autoFirst: true);

        var first = await RequestAsync(ana, ev.Slug, offer.Id);
        var second = await RequestAsync(bo, ev.Slug, offer.Id);

        Assert.Equal("chosen", (await first.Content.ReadFromJsonAsync<TransferRequestResponse>())!.Status);
        Assert.Contains("already been chosen", await second.Content.ReadAsStringAsync());
        await app.Mail.WaitForAsync(ana.Email, "chose you");
        var incoming = await ana.Api.GetFromJsonAsync<List<TransferResponse>>("/api/my/transfers/incoming");
        Assert.Equal(offer.Id, incoming!.Single().Id);
    }

    [Fact]
    public async Task A_chosen_requester_who_declines_puts_the_offer_back_on_the_board()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var ana = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var offer = await OfferAsync(holder, ticket.Id, autoFirst: true);
        await RequestAsync(ana, ev.Slug, offer.Id);

        var declined = await ana.Api.PostAsync($"/api/transfers/{await app.TransferTokenInAsync(ana.Email)}/decline", null);

        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        Assert.Equal(offer.Id, (await app.CreateClient().GetFromJsonAsync<List<TransferResponse>>($"/api/events/{ev.Slug}/board"))!.Single().Id);
    }

    [Fact]
    public async Task Cancelling_a_board_offer_tells_every_requester_and_holders_cannot_request_their_own()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var ana = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var offer = await OfferAsync(holder, ticket.Id);
        await RequestAsync(ana, ev.Slug, offer.Id);

        var own = await RequestAsync(holder, ev.Slug, offer.Id);
        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/events/{ev.Slug}/board/{offer.Id}/requests", new { message = "hi" });
        var cancelled = await holder.Api.PostAsync($"/api/my/transfers/{offer.Id}/cancel", null);
        var late = await RequestAsync(await app.UserAsync(), ev.Slug, offer.Id);

        Assert.Contains("your own offer", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        await app.Mail.WaitForAsync(ana.Email, "has gone");
        Assert.Contains("cancelled", await late.Content.ReadAsStringAsync());
    }
}
