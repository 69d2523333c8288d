using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class RegistrationTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task Registering_for_a_free_type_confirms_at_once_with_a_long_secret_and_mails_each_ticket_link()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 10);
        var ana = await app.UserAsync();

        var response = await ana.Api.RegisterAsync(ev.Slug, type, attendees: 2);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<RegistrationResponse>())!;
        Assert.Equal(RegistrationOutcomes.Registered, body.Outcome);
        Assert.Equal(2, body.Order!.Tickets.Count);
        Assert.All(body.Order.Tickets, t => { Assert.Equal("valid", t.Status); Assert.True(t.Secret.Length >= 40); });
        Assert.NotEqual(body.Order.Tickets[0].Secret, body.Order.Tickets[1].Secret);
        var mailed = await app.TicketSecretInAsync(ana.Email);
        var mailedToo = await app.TicketSecretInAsync(ana.Email, mailed); // one mail per ticket, to pass on to its attendee
        Assert.Equal(body.Order.Tickets.Select(t => t.Secret).Order(), new[] { mailed, mailedToo }.Order());
        var types = await app.CreateClient().GetFromJsonAsync<List<TicketTypeResponse>>($"/api/events/{ev.Slug}/ticket-types");
        Assert.Equal(8, types!.Single(t => t.Id == type).Available);
    }

    [Fact]
    public async Task The_qr_code_opens_with_the_secret_and_another_users_ticket_is_not_found()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var qr = await app.CreateClient().GetAsync(ticket.QrUrl);
        var mine = await ana.Api.GetAsync($"/api/my/tickets/{ticket.Id}");
        var theirs = await bo.Api.GetAsync($"/api/my/tickets/{ticket.Id}");
        var cancelTheirs = await bo.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);

        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/tickets/tk_not-a-real-secret-at-all-000000/qr.png")).StatusCode);
    }

    [Fact]
    public async Task Sold_out_registration_joins_the_waiting_list_or_is_refused_when_asked_not_to()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var cy = await app.UserAsync();
        await ana.TicketAsync(ev.Slug, type);

        var waiting = await bo.Api.RegisterAsync(ev.Slug, type);
        var refused = await cy.Api.RegisterAsync(ev.Slug, type, joinWaitingList: false);

        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        var body = (await waiting.Content.ReadFromJsonAsync<RegistrationResponse>())!;
        Assert.Equal(RegistrationOutcomes.Waitlisted, body.Outcome);
        Assert.Equal(1, body.WaitingList!.Position);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(RegistrationOutcomes.SoldOut, (await refused.Content.ReadFromJsonAsync<RegistrationResponse>())!.Outcome);
    }

    [Fact]
    public async Task Bad_registrations_get_field_messages_not_errors()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(perOrderLimit: 2);
        var ana = await app.UserAsync();

        var tooMany = await ana.Api.RegisterAsync(ev.Slug, type, attendees: 3);
        var noBadge = await ana.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/registrations", new { ticketTypeId = type, attendees = new[] { new { badgeName = "" } } });
        var badSize = await ana.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/registrations", new { ticketTypeId = type, attendees = new[] { new { badgeName = "A", tshirtSize = "XXXXL" } } });
        var unknownType = await ana.Api.RegisterAsync(ev.Slug, 999_999);
        var anonymous = await app.CreateClient().RegisterAsync(ev.Slug, type);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("At most 2", await tooMany.Content.ReadAsStringAsync());
        Assert.Contains("Name on badge is required", await noBadge.Content.ReadAsStringAsync());
        Assert.Contains("T-shirt size", await badSize.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Sales_open_and_close_with_the_sale_window()
    {
        var ev = await app.EventAsync();
        var now = app.Clock.GetUtcNow();
        var created = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types",
            new { name = "Window", quota = 5, saleStartsAt = now.AddDays(1), saleEndsAt = now.AddDays(2) });
        var type = (await created.Content.ReadFromJsonAsync<TicketTypeResponse>())!.Id;
        var ana = await app.UserAsync();

        var early = await ana.Api.RegisterAsync(ev.Slug, type);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var during = await ana.Api.RegisterAsync(ev.Slug, type);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var late = await ana.Api.RegisterAsync(ev.Slug, type);

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Sales open", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, during.StatusCode);
        Assert.Contains("closed", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_paid_order_waits_until_an_organiser_marks_it_paid_and_check_in_refuses_it_meanwhile()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(price: 120.50m);
        var ana = await app.UserAsync();

        var response = await ana.Api.RegisterAsync(ev.Slug, type);
        var body = (await response.Content.ReadFromJsonAsync<RegistrationResponse>())!;
        var pending = body.Order!.Tickets.Single();
        var atDoor = await ev.Organiser.CheckInAsync(ev.Slug, pending.Secret);
        var other = await app.UserAsync();
        var strangerMarks = await other.Api.PostAsync($"/api/events/{ev.Slug}/orders/{body.Order.Id}/mark-paid", null);
        var marked = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{body.Order.Id}/mark-paid", null);

        Assert.Equal(RegistrationOutcomes.Pending, body.Outcome);
        Assert.Equal(120.50m, body.Order.Price);
        Assert.Equal("unpaid", body.Order.Payment);
        Assert.Equal("pending", pending.Status);
        Assert.Equal(HttpStatusCode.Conflict, atDoor.StatusCode);
        Assert.Equal(CheckInOutcomes.Pending, (await atDoor.Content.ReadFromJsonAsync<CheckInResponse>())!.Outcome);
        Assert.Equal(HttpStatusCode.Forbidden, strangerMarks.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.Equal("valid", (await ana.MyTicketsAsync()).Single().Status);
        Assert.Equal(pending.Secret, await app.TicketSecretInAsync(ana.Email));
    }

    [Fact]
    public async Task An_approval_type_needs_an_organiser_and_a_refusal_frees_the_place()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1, approval: true);
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();

        var first = (await (await ana.Api.RegisterAsync(ev.Slug, type)).Content.ReadFromJsonAsync<RegistrationResponse>())!;
        var refused = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{first.Order!.Id}/refuse", null);
        var second = (await (await bo.Api.RegisterAsync(ev.Slug, type)).Content.ReadFromJsonAsync<RegistrationResponse>())!;
        var approved = await ev.Organiser.PostAsync($"/api/events/{ev.Slug}/orders/{second.Order!.Id}/approve", null);

        Assert.Equal("pending", first.Order.Approval);
        Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
        Assert.Equal("cancelled", (await ana.MyTicketsAsync()).Single().Status);
        Assert.Equal(RegistrationOutcomes.Pending, second.Outcome);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal("valid", (await bo.MyTicketsAsync()).Single().Status);
    }

    [Fact]
    public async Task Cancelling_before_the_deadline_frees_the_quota_and_after_it_is_refused()
    {
        var ev = await app.EventAsync(startsInDays: 20);
        var type = await ev.TypeAsync(quota: 1, cancelDeadlineDays: 10);
        var ana = await app.UserAsync();
        var bo = await app.UserAsync();
        var cy = await app.UserAsync();
        var anas = await ana.TicketAsync(ev.Slug, type);

        var cancelled = await ana.Api.PostAsync($"/api/my/tickets/{anas.Id}/cancel", null);
        var bos = await bo.TicketAsync(ev.Slug, type);
        app.Clock.Advance(TimeSpan.FromDays(11));
        var late = await bo.Api.PostAsync($"/api/my/tickets/{bos.Id}/cancel", null);
        var full = await cy.Api.RegisterAsync(ev.Slug, type, joinWaitingList: false);

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("Cancellation closed", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
    }

    [Fact]
    public async Task Organisers_manage_types_and_cannot_lower_a_quota_below_the_places_taken()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(name: "Regular", quota: 2);
        var ana = await app.UserAsync();
        await ana.Api.RegisterAsync(ev.Slug, type, attendees: 2);

        var lower = await ev.Organiser.PutAsJsonAsync($"/api/events/{ev.Slug}/ticket-types/{type}", new { name = "Regular", quota = 1 });
        var duplicate = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types", new { name = "Regular", quota = 1 });
        var invalid = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types", new { name = "", quota = -1, currency = "euro", transferability = "maybe" });
        var byAttendee = await ana.Api.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types", new { name = "Mine", quota = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, lower.StatusCode);
        Assert.Contains("cannot go below", await lower.Content.ReadAsStringAsync());
        Assert.Contains("already a ticket type called", await duplicate.Content.ReadAsStringAsync());
        var problems = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", problems);
        Assert.Contains("\"quota\"", problems);
        Assert.Contains("\"currency\"", problems);
        Assert.Contains("\"transferability\"", problems);
        Assert.Equal(HttpStatusCode.Forbidden, byAttendee.StatusCode);
    }

    [Fact]
    public async Task A_hidden_events_tickets_do_not_exist_for_strangers_but_do_for_its_team()
    {
        var ev = await app.EventAsync(isPublic: false);
        var type = await ev.TypeAsync();
        var stranger = await app.UserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/events/{ev.Slug}/ticket-types")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.RegisterAsync(ev.Slug, type)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/events/{ev.Slug}/board")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/events/{ev.Slug}/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.GetAsync($"/api/events/{ev.Slug}/ticket-types")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ev.Organiser.RegisterAsync(ev.Slug, type)).StatusCode);
    }
}
