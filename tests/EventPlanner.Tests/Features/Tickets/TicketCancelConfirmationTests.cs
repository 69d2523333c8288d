using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>Giving a ticket back on its page asks first: open transfer offers withdrawn, the place going to the waiting list.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TicketCancelConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Cancelling_a_ticket_says_who_gets_the_place_asks_again_after_an_offer_and_then_cancels_it()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await TicketKit.UserAsync(app, "tcc-holder");
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var next = await TicketKit.UserAsync(app, "tcc-next");
        Assert.True((await next.Api.RegisterAsync(ev.Slug, type)).IsSuccessStatusCode);
        var browser = await app.SignInAsync(holder.Email);
        var page = $"/tickets/{ticket.Secret}";
        var url = $"{page}?handler=CancelTicket";

        var first = await browser.ConfirmationAsync(url, new(), page);
        Assert.Equal((1, 0, 1), (first.Count("ticket"), first.Count("transfers"), first.Count("waiting")));
        Assert.Contains("first of 1 person on the waiting list", first.TextContent);
        Assert.Equal("valid", (await holder.MyTicketsAsync()).Single().Status);

        (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "" })).EnsureSuccessStatusCode();
        var stale = await browser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(1, again.Count("transfers"));
        Assert.Equal("valid", (await holder.MyTicketsAsync()).Single().Status);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.Equal("cancelled", (await holder.MyTicketsAsync()).Single(t => t.Id == ticket.Id).Status);
    }

    [Fact]
    public async Task Someone_else_posting_to_the_ticket_gets_not_found_and_no_counts()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await TicketKit.UserAsync(app, "tcc-owner");
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var other = await TicketKit.UserAsync(app, "tcc-other");
        var browser = await app.SignInAsync(other.Email);
        var response = await browser.PostFormAsync($"/tickets/{ticket.Secret}?handler=CancelTicket", new(), "/account/profile");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("valid", (await holder.MyTicketsAsync()).Single().Status);
    }
}
