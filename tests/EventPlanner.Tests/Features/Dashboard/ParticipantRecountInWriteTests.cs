using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Bofs;
using EventPlanner.Tests.Features.Community;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Bofs;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Features.Dashboard;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>
/// Cancelling a BoF or a community session, withdrawing a community block or a proposal and giving back a ticket recount
/// inside the owning feature's write: a change that lands after the page compared the stamp but before the write (here:
/// between reading the counts and calling the store) stops it, and the fresh counts come back to be shown.
/// </summary>
[Trait("Engine", "Both")]
public sealed class ParticipantRecountInWriteTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<T> ScalarAsync<T>(string sql, object args)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    private async Task<EventRow> EventAsync(string slug) => (await app.Services.GetRequiredService<EventStore>().FindAsync(slug))!;

    [Fact]
    public async Task A_bof_interest_marked_after_the_check_stops_the_cancellation()
    {
        var e = await BofKit.CreateAsync(app, "prw-bof");
        var proposer = await TicketKit.UserAsync(app, "prw-bof-proposer");
        var bof = await e.ProposeAsync(proposer, "Rust in Debian");
        await e.InterestedAsync(app, bof.Id, 2);
        var ev = await EventAsync(e.Slug);
        var shown = (await app.Services.GetRequiredService<ParticipantImpacts>().BofAsync(ev.Id, bof.Id))!;

        await e.InterestedAsync(app, bof.Id, 1);
        var check = new StampCheck(ev.Id, shown.Stamp, (c, tx) => ParticipantImpacts.BofAsync(c, tx, ev.Id, bof.Id));
        var bookings = app.Services.GetRequiredService<BofBookings>();
        await bookings.CancelAsync(ev, bof.Id, proposer.Id, organiser: false, stillAsShown: check.HoldsAsync);

        Assert.True(check.Changed);
        Assert.Equal(3, check.Fresh!.Lines.Single(l => l.Key == "interested").Count);
        Assert.False(await ScalarAsync<bool>("SELECT is_cancelled FROM bofs WHERE id = @id", new { id = bof.Id }));

        var again = new StampCheck(ev.Id, check.Fresh.Stamp, (c, tx) => ParticipantImpacts.BofAsync(c, tx, ev.Id, bof.Id));
        Assert.Equal(WriteKind.Ok, (await bookings.CancelAsync(ev, bof.Id, proposer.Id, organiser: false, stillAsShown: again.HoldsAsync)).Kind);
        Assert.True(await ScalarAsync<bool>("SELECT is_cancelled FROM bofs WHERE id = @id", new { id = bof.Id }));
    }

    [Fact]
    public async Task A_star_added_after_the_check_stops_the_community_session_cancellation_and_a_session_added_stops_the_block_withdrawal()
    {
        var k = await CommunityKit.CreateAsync(app, "prw-community");
        var block = await k.ApprovedBlockAsync(k.Schedule.Medium, "14:00", "16:00");
        var session = await k.AddSessionAsync(block.Id, "Snap packaging", "14:00", "14:45");
        var ev = await EventAsync(k.Slug);
        var hostId = await ScalarAsync<long>("SELECT id FROM users WHERE email = @email", new { email = k.HostEmail });
        var impacts = app.Services.GetRequiredService<ParticipantImpacts>();
        var shown = (await impacts.CommunitySessionAsync(ev.Id, block.Id, session.Id))!;

        var fan = await app.CreateUserAsync("prw-community-fan@example.org");
        Assert.True(await app.Services.GetRequiredService<AgendaStore>().StarAsync(fan.Id, ev.Id, session.Id));
        var check = new StampCheck(ev.Id, shown.Stamp, (c, tx) => ParticipantImpacts.CommunitySessionAsync(c, tx, ev.Id, block.Id, session.Id));
        await app.Services.GetRequiredService<BlockSessionStore>().CancelAsync(ev, block.Id, session.Id, hostId, stillAsShown: check.HoldsAsync);
        Assert.True(check.Changed);
        Assert.Equal(1, check.Fresh!.Lines.Single(l => l.Key == "stars").Count);
        const string live = "SELECT COUNT(*) FROM schedule_sessions WHERE id = @id AND is_cancelled = FALSE";
        Assert.Equal(1, await ScalarAsync<long>(live, new { id = session.Id }));

        var withdrawal = (await impacts.BlockWithdrawalAsync(ev.Id, k.GroupId, block.Id))!;
        await k.AddSessionAsync(block.Id, "Flatpak portals", "15:00", "15:45");
        var stale = new StampCheck(ev.Id, withdrawal.Stamp, (c, tx) => ParticipantImpacts.BlockWithdrawalAsync(c, tx, ev.Id, k.GroupId, block.Id));
        await app.Services.GetRequiredService<BlockStore>().WithdrawAsync(ev, block.Id, hostId, new Validator(), stillAsShown: stale.HoldsAsync);
        Assert.True(stale.Changed);
        Assert.Equal(2, stale.Fresh!.Lines.Single(l => l.Key == "sessions").Count);
        Assert.Equal("approved", await ScalarAsync<string>("SELECT status FROM community_blocks WHERE id = @id", new { id = block.Id }));
    }

    [Fact]
    public async Task A_decision_released_after_the_check_stops_the_withdrawal()
    {
        var e = await CfpKit.CreateAsync(app, "prw-withdraw");
        const string email = "prw-withdraw-speaker@example.org";
        var api = await app.CreateApiClientAsync(email);
        var proposal = await (await api.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Packaging Rust", submit: true))).ReadProposalAsync();
        var proposals = app.Services.GetRequiredService<ProposalStore>();
        var db = app.Services.GetRequiredService<Db>();
        await DemoProposalStates.SetAsync(db, proposal.Id, "accepted", "submitted");
        var ev = await EventAsync(e.Slug);
        var userId = await ScalarAsync<long>("SELECT id FROM users WHERE email = @email", new { email });
        var shown = (await app.Services.GetRequiredService<ParticipantImpacts>().WithdrawalAsync(ev.Id, proposal.Id, userId))!;

        await DemoProposalStates.SetAsync(db, proposal.Id, "accepted", "accepted");
        var check = new StampCheck(ev.Id, shown.Stamp, (c, tx) => ParticipantImpacts.WithdrawalAsync(c, tx, ev.Id, proposal.Id, userId));
        var v = new Validator();
        Assert.Null(await proposals.WithdrawAsync(ev.Id, proposal.Id, userId, v, stillAsShown: check.HoldsAsync));
        Assert.False(v.HasErrors);
        Assert.True(check.Changed);
        Assert.Equal(1, check.Fresh!.Lines.Single(l => l.Key == "accepted").Count);
        Assert.Equal("accepted", (await proposals.LoadDetailAsync(proposal.Id))!.Proposal.State);
    }

    [Fact]
    public async Task A_transfer_offer_made_after_the_check_stops_giving_the_ticket_back()
    {
        var ev = await app.EventAsync();
        var type = await ev.TypeAsync(quota: 1);
        var holder = await TicketKit.UserAsync(app, "prw-holder");
        var ticket = await holder.TicketAsync(ev.Slug, type);
        var shown = (await app.Services.GetRequiredService<ParticipantImpacts>().TicketAsync(ticket.Id, holder.Id))!;

        (await holder.Api.PostAsJsonAsync($"/api/my/tickets/{ticket.Id}/community-offer", new { note = "" })).EnsureSuccessStatusCode();
        var check = new StampCheck(ev.Id, shown.Stamp, (c, tx) => ParticipantImpacts.TicketAsync(c, tx, ticket.Id, holder.Id));
        var registrations = app.Services.GetRequiredService<RegistrationStore>();
        Assert.False(await registrations.CancelAsync(holder.Id, ticket.Id, new Validator(), stillAsShown: check.HoldsAsync));
        Assert.True(check.Changed);
        Assert.Equal(1, check.Fresh!.Lines.Single(l => l.Key == "transfers").Count);
        Assert.Equal("valid", (await holder.MyTicketsAsync()).Single().Status);

        var again = new StampCheck(ev.Id, check.Fresh.Stamp, (c, tx) => ParticipantImpacts.TicketAsync(c, tx, ticket.Id, holder.Id));
        Assert.True(await registrations.CancelAsync(holder.Id, ticket.Id, new Validator(), stillAsShown: again.HoldsAsync));
        Assert.Equal("cancelled", (await holder.MyTicketsAsync()).Single(t => t.Id == ticket.Id).Status);
    }
}
