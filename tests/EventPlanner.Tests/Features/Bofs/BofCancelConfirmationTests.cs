using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Bofs;

/// <summary>Cancelling a BoF on its page asks first, saying who will be told and that the slot is freed at once.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class BofCancelConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<bool> CancelledAsync(long bofId)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<bool>("SELECT is_cancelled FROM bofs WHERE id = @bofId", new { bofId });
    }

    [Fact]
    public async Task Cancelling_a_booked_bof_counts_the_interested_asks_again_after_a_new_one_and_then_cancels_it()
    {
        var e = await BofKit.CreateAsync(app, "bc-cancel");
        var proposer = await TicketKit.UserAsync(app, "bc-proposer");
        var bof = await e.ProposeAsync(proposer, "Rust in Debian");
        await e.InterestedAsync(app, bof.Id, 3);
        await BofKit.Ok(await e.BookAsync(proposer.Api, bof.Id, e.Lunch));
        var browser = await app.SignInAsync(proposer.Email);
        var page = $"/events/{e.Slug}/bofs";
        var url = $"{page}?handler=Cancel&bofId={bof.Id}";

        var first = await browser.ConfirmationAsync(url, new(), page);
        Assert.Equal((3, 1), (first.Count("interested"), first.Count("slot")));
        Assert.Contains("public schedule at once", first.TextContent);
        Assert.False(await CancelledAsync(bof.Id));

        await e.InterestedAsync(app, bof.Id, 1);
        var stale = await browser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(4, again.Count("interested"));
        Assert.False(await CancelledAsync(bof.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.True(await CancelledAsync(bof.Id));
    }

    [Fact]
    public async Task Someone_who_may_not_cancel_gets_no_counts_and_changes_nothing()
    {
        var e = await BofKit.CreateAsync(app, "bc-stranger");
        var proposer = await TicketKit.UserAsync(app, "bc-owner");
        var bof = await e.ProposeAsync(proposer, "Gentoo");
        var stranger = await TicketKit.UserAsync(app, "bc-stranger");
        var browser = await app.SignInAsync(stranger.Email);
        var page = $"/events/{e.Slug}/bofs";
        var response = await browser.PostFormAsync($"{page}?handler=Cancel&bofId={bof.Id}", new(), page);
        // Forbidden: the cookie scheme sends a browser to the access-denied page, and no counts were shown.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("denied", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.False(await CancelledAsync(bof.Id));
    }
}
