using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Lightning;

/// <summary>
/// A speaker withdrawing a lightning talk, and an organiser removing one, are asked first with counts from the database
/// (the slot it frees, whether the line-up is locked and so published, who waits); a stale stamp asks again, and the
/// recount runs inside the withdrawal's own transaction.
/// </summary>
[Trait("Engine", "Both")]
public sealed class LightningConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private async Task<string> TalkStatusAsync(long talkId)
    {
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT status FROM lightning_talks WHERE id = @talkId", new { talkId }) ?? "gone";
    }

    [Fact]
    public async Task A_speaker_withdrawing_sees_who_waits_is_asked_again_when_the_waitlist_grew_and_then_withdraws()
    {
        var l = await LightningKit.CreateAsync(app, "lc-withdraw", minutes: 5, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        await app.CreateUserAsync("lc-withdraw-speaker@example.org", "Wendy Withdraw");
        var speaker = new Person(0, "lc-withdraw-speaker@example.org", await app.CreateApiClientAsync("lc-withdraw-speaker@example.org"));
        var talk = await speaker.SignedUpAsync(l, "Dotfiles in five");
        await (await app.PersonAsync("lc-withdraw-second@example.org")).SignedUpAsync(l);
        var browser = await app.SignInAsync("lc-withdraw-speaker@example.org");
        var page = $"/events/{l.Slug}/lightning/{l.SessionId}";
        var url = $"{page}?handler=Withdraw";

        var shown = await browser.ConfirmationAsync(url, new(), page);
        Assert.Equal((1, 0, 1), (shown.Count("slot"), shown.Count("locked"), shown.Count("waitlist")));
        Assert.Contains("Nothing on the public schedule changes", shown.TextContent);
        Assert.NotEqual("withdrawn", await TalkStatusAsync(talk.Id));

        await (await app.PersonAsync("lc-withdraw-third@example.org")).SignedUpAsync(l);
        var stale = await browser.PostConfirmedAsync(url, shown, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("waitlist"));
        Assert.NotEqual("withdrawn", await TalkStatusAsync(talk.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.Equal("withdrawn", await TalkStatusAsync(talk.Id));
    }

    [Fact]
    public async Task An_organiser_removing_a_talk_from_a_locked_line_up_is_told_the_public_schedule_changes_at_once()
    {
        var l = await LightningKit.CreateAsync(app, "lc-remove", minutes: 10, settings: new { slotMinutes = 5, changeoverMinutes = 0 });
        var talk = await (await app.PersonAsync("lc-remove-a@example.org")).SignedUpAsync(l, "Rust in five");
        await (await app.PersonAsync("lc-remove-b@example.org")).SignedUpAsync(l, "Nix in five");
        (await l.Organiser.PostAsync($"{l.Api}/lock", null)).EnsureSuccessStatusCode();
        var organiser = await app.SignInAsync($"org-{l.Slug}@example.org");
        var page = $"/events/{l.Slug}/lightning/manage/{l.SessionId}";
        var url = $"{page}?handler=Remove";
        var fields = new Dictionary<string, string> { ["talkId"] = talk.Id.ToString() };

        // A post without the stamp (the Remove button) only asks.
        var shown = await organiser.ConfirmationAsync(url, fields, page);
        Assert.Equal((1, 1, 0), (shown.Count("slot"), shown.Count("locked"), shown.Count("waitlist")));
        Assert.Contains("changes at once", shown.QuerySelector("[data-schedule]")!.TextContent);
        Assert.NotEqual("removed", await TalkStatusAsync(talk.Id));

        // Unlocking meanwhile changes what the removal means: asked again.
        (await l.Organiser.DeleteAsync($"{l.Api}/lock")).EnsureSuccessStatusCode();
        var stale = await organiser.PostConfirmedAsync(url, shown, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Equal(0, again.Count("locked"));
        Assert.Contains("Nothing on the public schedule changes", again.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.Equal("removed", await TalkStatusAsync(talk.Id));
    }
}
