using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WaitingListTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task A_freed_ticket_is_offered_to_the_first_waiting_who_can_claim_it_while_newcomers_cannot_jump_the_queue()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await app.UserAsync();
        var first = await app.UserAsync();
        var second = await app.UserAsync();
        var newcomer = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        await first.Api.RegisterAsync(ev.Slug, type);
        await second.Api.RegisterAsync(ev.Slug, type);

        await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);
        var jump = await newcomer.Api.RegisterAsync(ev.Slug, type, joinWaitingList: false);
        var offers = await first.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list");
        var claim = await first.Api.RegisterAsync(ev.Slug, type);

        await app.Mail.WaitForAsync(first.Email, "is free for you");
        Assert.Equal(HttpStatusCode.Conflict, jump.StatusCode);
        Assert.Equal("offered", offers!.Single().Status);
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        Assert.Empty(await first.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list") ?? []);
        Assert.Equal(1, (await second.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!.Single().Position);
    }

    [Fact]
    public async Task An_unclaimed_offer_expires_and_passes_to_the_next_in_line()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await app.UserAsync();
        var first = await app.UserAsync();
        var second = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        await first.Api.RegisterAsync(ev.Slug, type);
        await second.Api.RegisterAsync(ev.Slug, type);
        await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);

        app.Clock.Advance(TimeSpan.FromHours(49));
        var tooLate = await first.Api.RegisterAsync(ev.Slug, type, joinWaitingList: false);
        var secondClaims = await second.Api.RegisterAsync(ev.Slug, type);

        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        await app.Mail.WaitForAsync(second.Email, "is free for you");
        Assert.Equal(HttpStatusCode.Created, secondClaims.StatusCode);
    }

    [Fact]
    public async Task The_recurring_expiry_job_passes_a_lapsed_offer_on_without_any_request()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await app.UserAsync();
        var first = await app.UserAsync();
        var second = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        await first.Api.RegisterAsync(ev.Slug, type);
        await second.Api.RegisterAsync(ev.Slug, type);
        await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);
        await app.Mail.WaitForAsync(first.Email, "is free for you");

        app.Clock.Advance(TimeSpan.FromHours(49));
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(TicketExpiryJob.JobId);

        await app.Mail.WaitForAsync(second.Email, "is free for you");
        Assert.Equal("offered", (await second.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!.Single().Status);
        Assert.Empty((await first.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!);
        Assert.Equal(0, await app.Services.GetRequiredService<TicketExpiryJob>().ExpireDueAsync(app.Clock.GetUtcNow())); // nothing left to lapse
        Assert.Equal(1, app.Mail.CountTo(second.Email, "is free for you"));
    }

    [Fact]
    public async Task A_quota_rise_goes_to_the_waiting_list_first()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(name: "Rise", quota: 1);
        var holder = await app.UserAsync();
        var waiting = await app.UserAsync();
        await holder.TicketAsync(ev.Slug, type);
        await waiting.Api.RegisterAsync(ev.Slug, type);

        var raised = await ev.Organiser.PutAsJsonAsync($"/api/events/{ev.Slug}/ticket-types/{type}", new { name = "Rise", quota = 2 });

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal("offered", (await waiting.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!.Single().Status);
        Assert.Equal(0, (await raised.Content.ReadFromJsonAsync<TicketTypeResponse>())!.Available);
    }

    [Fact]
    public async Task Leaving_the_list_with_an_offer_passes_it_on()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await app.UserAsync();
        var first = await app.UserAsync();
        var second = await app.UserAsync();
        var ticket = await holder.TicketAsync(ev.Slug, type);
        await first.Api.RegisterAsync(ev.Slug, type);
        await second.Api.RegisterAsync(ev.Slug, type);
        await holder.Api.PostAsync($"/api/my/tickets/{ticket.Id}/cancel", null);
        var entry = (await first.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!.Single();

        var notMine = await second.Api.DeleteAsync($"/api/my/waiting-list/{entry.Id}");
        var left = await first.Api.DeleteAsync($"/api/my/waiting-list/{entry.Id}");

        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal("offered", (await second.Api.GetFromJsonAsync<List<WaitingResponse>>("/api/my/waiting-list"))!.Single().Status);
    }
}
