using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Accounts;

/// <summary>Deleting an account never leaves an event without an organiser, never drops a live ticket, and keeps past records without the person.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AccountDeletionRulesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<HttpResponseMessage> DeleteAsync(string email) =>
        await (await app.SignInAsync(email)).PostProfileAsync("Delete", new() { ["DeleteForm.Password"] = EventPlannerApp.Password });

    [Fact]
    public async Task The_only_organiser_of_an_event_is_told_to_hand_it_on_first()
    {
        var ev = await app.EventAsync();
        var refused = await DeleteAsync(ev.OrganiserEmail);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"only organiser of Tix {ev.Slug}", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_live_ticket_must_be_cancelled_first_and_afterwards_the_ticket_stays_in_the_records_without_the_person()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync();
        var ana = await app.UserAsync("leaving");
        var ticket = await ana.TicketAsync(ev.Slug, type);

        var refused = await DeleteAsync(ana.Email);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("You hold a ticket for", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        (await ana.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null)).EnsureSuccessStatusCode();
        var deleted = await DeleteAsync(ana.Email);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var row = await c.QuerySingleAsync<(string Email, string Badge, string Status)>("""
            SELECT u.email, t.badge_name, t.status FROM tickets t JOIN users u ON u.id = t.holder_user_id WHERE t.id = @id
            """, new { id = ticket.Id });
        Assert.Equal((DeletedAccount.Email, DeletedAccount.DisplayName, "cancelled"), row);
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = @email", new { email = ana.Email }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ana.Api.GetAsync("/api/me")).StatusCode);

        // A second leaver's records join the same placeholder, which nobody can sign in as.
        var ben = await app.UserAsync("leaving");
        var second = await ben.TicketAsync(ev.Slug, type);
        (await ben.Api.PostAsync($"/api/my/tickets/{second.Id}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(ben.Email)).StatusCode);
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = @email", new { email = DeletedAccount.Email }));
        var login = await app.CreateBrowser().LogInAsync(DeletedAccount.Email, EventPlannerApp.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
    }
}
