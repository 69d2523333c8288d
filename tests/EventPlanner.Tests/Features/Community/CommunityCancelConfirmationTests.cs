using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Schedule;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Community;

/// <summary>Cancelling a community block's session asks first: its speakers, stars, and whether a release showed it.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class CommunityCancelConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<bool> ExistsAsync(long sessionId)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM schedule_sessions WHERE id = @sessionId AND is_cancelled = FALSE)", new { sessionId });
    }

    [Fact]
    public async Task Cancelling_a_community_session_counts_its_stars_asks_again_after_a_new_star_and_then_cancels_it()
    {
        var c = await CommunityKit.CreateAsync(app, "cc-cancel");
        var block = await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");
        var session = await c.AddSessionAsync(block.Id, "Snap packaging", "14:00", "14:45");
        var eventId = (await app.Services.GetRequiredService<EventStore>().FindAsync(c.Slug))!.Id;
        var fan = await app.CreateUserAsync("cc-cancel-fan@example.org");
        var fan2 = await app.CreateUserAsync("cc-cancel-fan2@example.org");
        Assert.True(await app.Services.GetRequiredService<AgendaStore>().StarAsync(fan.Id, eventId, session.Id));
        var host = await app.SignInAsync(c.HostEmail);
        var page = $"/events/{c.Slug}/community/blocks/{block.Id}";
        var url = $"{page}?handler=Cancel&sessionId={session.Id}";

        var first = await host.ConfirmationAsync(url, new(), page);
        Assert.Equal((0, 1, 0), (first.Count("speakers"), first.Count("stars"), first.Count("released")));
        Assert.Contains("public schedule at once", first.TextContent);
        Assert.True(await ExistsAsync(session.Id));

        Assert.True(await app.Services.GetRequiredService<AgendaStore>().StarAsync(fan2.Id, eventId, session.Id));
        var stale = await host.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("stars"));
        Assert.True(await ExistsAsync(session.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await host.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.False(await ExistsAsync(session.Id));
    }
    [Fact]
    public async Task Withdrawing_an_approved_block_counts_its_sessions_asks_again_after_one_was_added_and_then_withdraws_it()
    {
        var c = await CommunityKit.CreateAsync(app, "cc-withdraw");
        var block = await c.ApprovedBlockAsync(c.Schedule.Medium, "14:00", "16:00");
        var session = await c.AddSessionAsync(block.Id, "Snap packaging", "14:00", "14:45");
        var host = await app.SignInAsync(c.HostEmail);
        var page = $"/events/{c.Slug}/community/groups/{c.GroupId}";
        var url = $"{page}?handler=Withdraw&blockId={block.Id}";

        var first = await host.ConfirmationAsync(url, new(), page);
        Assert.Equal((1, 1, 0), (first.Count("approved"), first.Count("sessions"), first.Count("stars")));
        Assert.Contains("public schedule at once", first.TextContent);
        Assert.True(await ExistsAsync(session.Id));

        var late = await c.AddSessionAsync(block.Id, "Flatpak Q&A", "15:00", "15:45");
        var stale = await host.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("sessions"));
        Assert.True(await ExistsAsync(late.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await host.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.False(await ExistsAsync(session.Id));
        Assert.False(await ExistsAsync(late.Id));
    }
}
