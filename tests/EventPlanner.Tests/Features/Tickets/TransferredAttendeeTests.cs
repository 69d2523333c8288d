using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>With jobs running: the transfer's acceptance link arrives by mail.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TransferredAttendeeTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static Task<DeskSearchResponse?> SearchAsync(HttpClient staff, TestEvent ev, string q) =>
        staff.GetFromJsonAsync<DeskSearchResponse>($"/api/events/{ev.Slug}/check-in/search?q={Uri.EscapeDataString(q)}");

    [Fact]
    public async Task A_transferred_ticket_is_found_under_its_new_holder_only()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(transferability: "transferable");
        var from = await app.NamedAttendeeAsync("Farid Old");
        var to = await app.NamedAttendeeAsync("Grace New");
        var ticket = await from.TicketAsync(ev.Slug, type);
        var offer = await from.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/transfers", new { recipientEmail = to.Email, recipientName = "Grace", note = "" });
        Assert.True(offer.IsSuccessStatusCode, await offer.Content.ReadAsStringAsync());
        var token = await app.TransferTokenInAsync(to.Email);
        var accept = await to.Api.PostAsJsonAsync($"/api/transfers/{token}/accept", new { badgeName = "Grace", tshirtSize = "M", dietary = "" });
        Assert.True(accept.IsSuccessStatusCode, await accept.Content.ReadAsStringAsync());

        var oldName = (await SearchAsync(ev.Organiser, ev, "farid"))!;
        var newName = (await SearchAsync(ev.Organiser, ev, "grace"))!;
        var list = (await ev.Organiser.GetFromJsonAsync<AttendeePageResponse>($"/api/events/{ev.Slug}/attendees?state=transferred"))!;

        Assert.Empty(oldName.Matches);
        Assert.Equal(ticket.Id, newName.Matches.Single().TicketId);
        Assert.Equal("Grace New", list.Attendees.Single().HolderName);
        Assert.True(list.Attendees.Single().Transferred);
    }
}
