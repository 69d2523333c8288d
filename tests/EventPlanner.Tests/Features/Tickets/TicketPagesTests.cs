using System.Net;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class TicketPagesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task An_attendee_registers_on_the_tickets_page_and_finds_the_ticket_with_its_qr_code()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(name: "Community", quota: 5, price: 0);
        var ana = await app.UserAsync();
        var page = $"/events/{ev.Slug}/tickets";

        var anonymous = await app.CreateBrowser().GetStringAsync(page);
        var browser = await app.SignInAsync(ana.Email);
        var posted = await browser.PostFormAsync(page + "?handler=Register",
            new() { ["TypeId"] = type.ToString(), ["Attendees[0].BadgeName"] = "Ana at FOSS", ["Attendees[0].TshirtSize"] = "S", ["Attendees[1].BadgeName"] = "" }, getUrl: page);
        var after = await browser.GetStringAsync(page);
        var mine = await browser.GetStringAsync("/my/tickets");
        var secret = SecretLink().Match(mine).Groups[1].Value;
        var ticketPage = await app.CreateBrowser().GetStringAsync($"/tickets/{secret}");

        Assert.Contains("Community", anonymous);
        Assert.Contains("Log in</a> to register", anonymous);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("You are registered", after);
        Assert.Contains("Ana at FOSS", mine);
        Assert.Contains($"/tickets/{secret}/qr.png", ticketPage);
        Assert.Contains("Ana at FOSS", ticketPage);
        Assert.DoesNotContain("Offer this ticket", ticketPage); // only the signed-in holder sees the forms
    }

    [Fact]
    public async Task A_speaker_with_a_speaker_ticket_is_told_so_and_registers_another_only_after_saying_they_mean_it()
    {
        var ev = await app.EventAsync();
        await ev.TypeAsync(name: "Speaker", quota: 0, speaker: true);
        var type = await ev.TypeAsync(name: "Community", quota: 5, price: 0);
        var speaker = await app.UserAsync();
        await app.Services.GetRequiredService<SpeakerTicketStore>().IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 7);
        var browser = await app.SignInAsync(speaker.Email);
        var page = $"/events/{ev.Slug}/tickets";
        var form = new Dictionary<string, string> { ["TypeId"] = type.ToString(), ["Attendees[0].BadgeName"] = "A friend" };

        Assert.Contains("speaker ticket</a> for this event", await browser.GetStringAsync(page));
        var refused = await browser.PostFormAsync(page + "?handler=Register", form, getUrl: page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("You already have a speaker ticket for this event", await refused.Content.ReadAsStringAsync());
        Assert.Single(await speaker.MyTicketsAsync());

        var meant = await browser.PostFormAsync(page + "?handler=Register", new(form) { ["AnotherTicket"] = "true" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, meant.StatusCode);
        Assert.Equal(2, (await speaker.MyTicketsAsync()).Count);
    }

    [Fact]
    public async Task A_board_offer_goes_through_request_choose_accept_and_the_door_takes_only_the_new_code()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync("holder");
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var holderBrowser = await app.SignInAsync(holder.Email);
        var ticketUrl = $"/tickets/{ticket.Secret}";

        Assert.Equal(HttpStatusCode.Redirect, (await holderBrowser.PostFormAsync(ticketUrl + "?handler=Offer",
            new() { ["Note"] = "for a FOSS developer without funding" }, getUrl: ticketUrl)).StatusCode);
        var board = $"/events/{ev.Slug}/tickets/board";
        var boardPage = await app.CreateBrowser().GetStringAsync(board);
        var offerId = OfferId().Match(await (await app.SignInAsync(ana.Email)).GetStringAsync(board)).Groups[1].Value;
        var boBefore = await (await app.SignInAsync(bo.Email)).GetStringAsync(board);
        foreach (var user in new[] { ana, bo })
        {
            var browser = await app.SignInAsync(user.Email);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(board + "?handler=Request",
                new() { ["offerId"] = offerId, ["message"] = $"I am {user.Email}" }, getUrl: board)).StatusCode);
        }
        var withRequests = await holderBrowser.GetStringAsync(ticketUrl);
        var anasRequest = RequestFor(ana.Email.Split('@')[0]).Match(withRequests).Groups[1].Value;
        var chosen = await holderBrowser.PostFormAsync(ticketUrl + "?handler=Choose",
            new() { ["transferId"] = offerId, ["requestId"] = anasRequest }, getUrl: ticketUrl);
        var token = await app.TransferTokenInAsync(ana.Email);
        var anaBrowser = await app.SignInAsync(ana.Email);
        var acceptPage = await anaBrowser.GetStringAsync($"/transfers/{token}");
        var accepted = await anaBrowser.PostFormAsync($"/transfers/{token}?handler=Accept",
            new() { ["Input.BadgeName"] = "Ana", ["Input.TshirtSize"] = "M", ["Input.Dietary"] = "" }, getUrl: $"/transfers/{token}");

        Assert.Contains("for a FOSS developer without funding", boardPage);
        Assert.Contains("Request this ticket", boBefore);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Contains("Accept ticket", acceptPage);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var newTicketUrl = accepted.Headers.Location!.OriginalString;
        Assert.StartsWith("/tickets/tk_", newTicketUrl);
        await app.Mail.WaitForAsync(bo.Email, "has gone");
        await app.Mail.WaitForAsync(holder.Email, "accepted your ticket");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync(ticketUrl)).StatusCode);
        var anasTickets = await anaBrowser.GetStringAsync("/my/tickets");
        Assert.Contains("the ticket is yours now", anasTickets);
        Assert.DoesNotContain("check your email", anasTickets);

        var desk = await app.SignInAsync(ev.OrganiserEmail);
        var checkIn = $"/events/{ev.Slug}/check-in";
        await desk.PostFormAsync(checkIn + "?handler=CheckIn", new() { ["secret"] = ticket.Secret }, getUrl: checkIn);
        var refusedOld = await desk.GetStringAsync(checkIn);
        await desk.PostFormAsync(checkIn + "?handler=CheckIn", new() { ["secret"] = newTicketUrl.Split('/').Last() }, getUrl: checkIn);
        var admittedNew = await desk.GetStringAsync(checkIn);

        Assert.Contains("code was replaced", refusedOld);
        Assert.Contains("Checked in.", admittedNew);
        Assert.Contains("Undo", admittedNew);
        var manage = await desk.GetStringAsync($"/events/{ev.Slug}/tickets/manage");
        Assert.Contains("community offer: for a FOSS developer without funding", manage);
    }

    [Fact]
    public async Task The_check_in_and_manage_pages_are_for_the_event_team_only_and_undo_works()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);
        var stranger = await app.SignInAsync(ana.Email);
        var checkIn = $"/events/{ev.Slug}/check-in";

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync(checkIn)).StatusCode);
        Assert.Contains("access-denied", (await stranger.GetAsync(checkIn)).Headers.Location!.OriginalString);
        Assert.Contains("access-denied", (await stranger.GetAsync($"/events/{ev.Slug}/tickets/manage")).Headers.Location!.OriginalString);

        var desk = await app.SignInAsync(ev.OrganiserEmail);
        await desk.PostFormAsync(checkIn + "?handler=CheckIn", new() { ["secret"] = ticket.Secret }, getUrl: checkIn);
        var undo = await desk.PostFormAsync(checkIn + "?handler=Undo", new() { ["ticketId"] = ticket.Id.ToString() }, getUrl: checkIn);
        await desk.PostFormAsync(checkIn + "?handler=CheckIn", new() { ["secret"] = ticket.Secret }, getUrl: checkIn);

        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        var deskPage = await desk.GetStringAsync(checkIn);
        Assert.Contains("Checked in.", deskPage);
        Assert.Contains("id=\"scan-start\" class=\"secondary outline\" hidden", deskPage); // the camera button appears only with JavaScript
        Assert.Contains("/lib/html5-qrcode/html5-qrcode.min.js", deskPage);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/lib/html5-qrcode/html5-qrcode.min.js")).StatusCode);
    }

    [Fact]
    public async Task Organisers_add_a_ticket_type_and_a_volunteer_on_the_manage_page()
    {
        var ev = await app.EventAsync();
        var volunteer = await app.UserAsync("vol");
        var desk = await app.SignInAsync(ev.OrganiserEmail);
        var manage = $"/events/{ev.Slug}/tickets/manage";

        var bad = await desk.PostFormAsync(manage + "?handler=SaveType", new() { ["Input.Name"] = "", ["Input.Quota"] = "lots" }, getUrl: manage);
        var saved = await desk.PostFormAsync(manage + "?handler=SaveType", new()
        {
            ["Input.Name"] = "Supporter", ["Input.Price"] = "150", ["Input.Currency"] = "MYR", ["Input.Quota"] = "20",
            ["Input.PerOrderLimit"] = "2", ["Input.Transferability"] = "approval", ["Input.TransferDeadlineDays"] = "7",
        }, getUrl: manage);
        var added = await desk.PostFormAsync(manage + "?handler=AddStaff", new() { ["email"] = volunteer.Email }, getUrl: manage);
        var volunteerDesk = await app.SignInAsync(volunteer.Email);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Name is required", badPage);
        Assert.Contains("Quota must be a number", badPage);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await desk.GetStringAsync(manage);
        Assert.Contains("150.00 MYR", page);
        Assert.Contains("Transferable with organiser approval, until 7 days before", page);
        Assert.Equal(HttpStatusCode.OK, (await volunteerDesk.GetAsync($"/events/{ev.Slug}/check-in")).StatusCode);
        Assert.Contains("access-denied", (await volunteerDesk.GetAsync(manage)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_acceptance_link_asks_for_sign_in_and_is_not_found_for_others_on_a_board_offer()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var offer = await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/community-offer", System.Net.Http.Json.JsonContent.Create(new { autoFirst = true }));
        var offerId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EventPlanner.Web.Features.Tickets.TransferResponse>(offer.Content))!.Id;
        await ana.Api.PostAsync($"/api/events/{ev.Slug}/board/{offerId}/requests", System.Net.Http.Json.JsonContent.Create(new { message = "me" }));
        var token = await app.TransferTokenInAsync(ana.Email);

        var anonymous = await app.CreateBrowser().GetAsync($"/transfers/{token}");
        var other = await (await app.SignInAsync(bo.Email)).GetAsync($"/transfers/{token}");
        var mine = await (await app.SignInAsync(ana.Email)).GetStringAsync("/my/tickets");

        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains($"/transfers/{token}", mine);
    }

    [Fact]
    public async Task A_direct_offers_link_opened_by_another_account_is_a_403_page_naming_whom_it_is_for()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var holder = await app.UserAsync();
        var bo = await app.UserAsync();
        var eve = await app.UserAsync("eve");
        var ticket = await holder.TicketAsync(ev.Slug, type);
        await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/transfers",
            System.Net.Http.Json.JsonContent.Create(new { recipientEmail = bo.Email, recipientName = "Bo" }));
        var token = await app.TransferTokenInAsync(bo.Email);
        var eveBrowser = await app.SignInAsync(eve.Email);

        var page = await eveBrowser.GetAsync($"/transfers/{token}");
        var html = await page.Content.ReadAsStringAsync();
        var accept = await eveBrowser.PostAsync($"/transfers/{token}?handler=Accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormPosting.AntiforgeryFrom(html), ["Input.BadgeName"] = "Eve", ["Input.TshirtSize"] = "M",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("This offer is for someone else", html);
        Assert.Contains($"{bo.Email[0]}•••@example.org", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("sign in", html);
        Assert.DoesNotContain("Accept ticket", html);
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        Assert.Single(await holder.MyTicketsAsync());
        Assert.Contains("Accept ticket", await (await app.SignInAsync(bo.Email)).GetStringAsync($"/transfers/{token}"));
    }

    [GeneratedRegex(@"/tickets/(tk_[A-Za-z0-9_\-]+)""")]
    private static partial Regex SecretLink();

    [GeneratedRegex(@"name=""offerId"" value=""(\d+)""")]
    private static partial Regex OfferId();

    private static Regex RequestFor(string name) => new($@"<td>{Regex.Escape(name)}</td>[\s\S]*?name=""requestId"" value=""(\d+)""");
}
