using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>Removing a BoF slot on the set-up page asks first: whether a BoF holds it and how many proposed BoFs still wait for one.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofSlotConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<bool> SlotExistsAsync(long slotId)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bof_slots WHERE id = @slotId", new { slotId }) == 1;
    }

    [Fact]
    public async Task Removing_a_free_slot_counts_the_waiting_bofs_asks_again_after_a_new_proposal_and_then_removes_it()
    {
        var e = await BofKit.CreateAsync(app, "bs-free");
        var proposer = await TicketKit.UserAsync(app, "bs-proposer");
        await e.ProposeAsync(proposer, "Packaging Go");
        var organiser = await app.SignInAsync(await OrganiserEmailAsync(e.Slug));
        var page = $"/events/{e.Slug}/bofs/manage";
        var url = $"{page}?handler=RemoveSlot&slotId={e.Lunch}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal((0, 1), (first.Count("booked"), first.Count("waiting")));
        Assert.Contains("12:30–13:15", first.TextContent);
        Assert.True(await SlotExistsAsync(e.Lunch));

        await e.ProposeAsync(proposer, "NixOS in production");
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("waiting"));
        Assert.True(await SlotExistsAsync(e.Lunch));

        var done = await organiser.PostConfirmedAsync(url, again, page);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await SlotExistsAsync(e.Lunch));
        Assert.True(await SlotExistsAsync(e.Evening));
    }

    [Fact]
    public async Task A_booked_slot_is_refused_with_no_form_and_a_forced_stamp_changes_nothing()
    {
        var e = await BofKit.CreateAsync(app, "bs-booked");
        var proposer = await TicketKit.UserAsync(app, "bs-booker");
        var bof = await e.ProposeAsync(proposer, "Rust in Debian");
        await e.InterestedAsync(app, bof.Id, 3);
        await BofKit.Ok(await e.BookAsync(proposer.Api, bof.Id, e.Lunch));
        var organiser = await app.SignInAsync(await OrganiserEmailAsync(e.Slug));
        var page = $"/events/{e.Slug}/bofs/manage";
        var url = $"{page}?handler=RemoveSlot&slotId={e.Lunch}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal(1, first.Count("booked"));
        Assert.NotNull(first.QuerySelector("[data-blocked]"));
        Assert.Null(first.QuerySelector("form"));
        var forced = await organiser.PostFormAsync(url, new() { ["stamp"] = first.GetAttribute("data-stamp")! }, page);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.True(await SlotExistsAsync(e.Lunch));
    }

    private async Task<string> OrganiserEmailAsync(string slug)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("""
            SELECT u.email FROM event_roles r JOIN users u ON u.id = r.user_id JOIN events e ON e.id = r.event_id
            WHERE e.slug = @slug AND r.role = 'organiser' ORDER BY u.id LIMIT 1
            """, new { slug }) ?? throw new InvalidOperationException("no organiser");
    }
}
