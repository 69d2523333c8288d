using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Tickets;

/// <summary>IssueSpeakerTicketAsync / RevokeSpeakerTicketAsync are for the review feature to call on accept+confirm and withdrawal.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SpeakerTicketTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private SpeakerTicketStore Store => app.Services.GetRequiredService<SpeakerTicketStore>();

    [Fact]
    public async Task A_confirmed_speaker_gets_one_complimentary_ticket_outside_the_quota_and_loses_it_on_withdrawal()
    {
        var ev = await app.EventAsync();
        await ev.TypeAsync(name: "Speaker", quota: 0, speaker: true, transferability: "transferable");
        var speaker = await app.UserAsync("spk");

        var ticket = await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 101);
        var again = await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 101);
        var mine = (await speaker.MyTicketsAsync()).Single();
        var transfer = await speaker.Api.PostAsJsonAsync($"/api/my/tickets/{mine.Id}/community-offer", new { note = "" });

        Assert.NotNull(ticket);
        Assert.Equal(ticket!.Id, again!.Id);
        Assert.Equal("valid", mine.Status);
        Assert.Equal(mine.Secret, await app.TicketSecretInAsync(speaker.Email));
        Assert.Contains("Speaker tickets are personal", await transfer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ev.Organiser.CheckInAsync(ev.Slug, mine.Secret)).StatusCode);

        Assert.True(await Store.RevokeSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 101));
        Assert.Equal("revoked", (await speaker.MyTicketsAsync()).Single().Status);
        var door = await ev.Organiser.CheckInAsync(ev.Slug, mine.Secret);
        Assert.Equal(CheckInOutcomes.Revoked, (await door.Content.ReadFromJsonAsync<CheckInResponse>())!.Outcome);
    }

    [Fact]
    public async Task A_speaker_with_two_accepted_talks_keeps_the_ticket_until_both_are_withdrawn()
    {
        var ev = await app.EventAsync();
        await ev.TypeAsync(name: "Speaker", quota: 0, speaker: true);
        var speaker = await app.UserAsync("spk");

        await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 201);
        await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 202);

        Assert.False(await Store.RevokeSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 201));
        Assert.Equal("valid", (await speaker.MyTicketsAsync()).Single().Status);
        Assert.True(await Store.RevokeSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 202));
        Assert.Equal("revoked", (await speaker.MyTicketsAsync()).Single().Status);
        Assert.NotNull(await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 203));
        Assert.Equal(1, (await speaker.MyTicketsAsync()).Count(t => t.Status == "valid"));
    }

    [Fact]
    public async Task Without_a_speaker_type_nothing_is_issued_and_the_speaker_type_is_not_on_sale()
    {
        var ev = await app.EventAsync();
        var speaker = await app.UserAsync("spk");

        Assert.Null(await Store.IssueSpeakerTicketAsync(ev.Id, speaker.Id, proposalId: 301));

        var type = await ev.TypeAsync(name: "Speaker", quota: 5, speaker: true);
        var bought = await speaker.Api.RegisterAsync(ev.Slug, type);
        var secondSpeakerType = await ev.Organiser.PostAsJsonAsync($"/api/events/{ev.Slug}/ticket-types", new { name = "Speaker 2", quota = 1, isSpeakerType = true });
        Assert.Contains("given to speakers", await bought.Content.ReadAsStringAsync());
        Assert.Contains("already has a speaker ticket type", await secondSpeakerType.Content.ReadAsStringAsync());
    }
}
