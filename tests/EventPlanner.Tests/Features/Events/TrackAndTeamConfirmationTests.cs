using System.Net;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Events;

/// <summary>
/// Removing a track or a team role on the manage pages asks first, with counts read from the database; the confirming
/// post does it; a confirmation that no longer matches what the database holds is shown again with fresh counts.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TrackAndTeamConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private EventStore Store => app.Services.GetRequiredService<EventStore>();
    private VenueStore Venue => app.Services.GetRequiredService<VenueStore>();
    private TeamStore Members => app.Services.GetRequiredService<TeamStore>();

    [Fact]
    public async Task Removing_a_track_counts_its_sessions_asks_again_when_one_was_added_and_then_removes_it()
    {
        var email = "org-tc-track@example.org";
        var s = await ScheduleKit.CreateAsync(app, "tc-track", organiserEmail: email);
        await s.SessionAsync("Rust in the kernel", trackId: s.Kernel);
        var organiser = await app.SignInAsync(email);
        var eventId = (await Store.FindAsync(s.Slug))!.Id;
        var page = $"/events/{s.Slug}/manage/tracks";
        var url = $"{page}?handler=Remove&id={s.Kernel}";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Equal((1, 0, 0, 0), (first.Count("sessions"), first.Count("proposals"), first.Count("community-groups"), first.Count("review-teams")));
        Assert.Contains("does not change until your next release", first.TextContent);
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Kernel);

        // Meanwhile another organiser files a second session under the track.
        await s.SessionAsync("eBPF for mortals", trackId: s.Kernel);
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("sessions"));
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Kernel);

        var done = await organiser.PostConfirmedAsync(url, again, page);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain((await Venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Kernel);
        Assert.Contains((await Venue.ListPartsAsync(eventId)).Tracks, t => t.Id == s.Web);
    }

    [Fact]
    public async Task Removing_an_organiser_says_what_they_lose_asks_again_when_the_team_changed_and_then_removes_them()
    {
        var email = await app.UserAsync("tc.team@example.org");
        var e = await app.CreateEventAsync("tc-team", email);
        var second = await app.CreateUserAsync("tc.team.second@example.org", "Sam Second");
        var third = await app.CreateUserAsync("tc.team.third@example.org", "Tia Third");
        Assert.NotNull(await Members.GrantAsync(e.Id, second.Email, EventRoles.Organiser, (await Members.ListTeamAsync(e.Id)).First().UserId, new Validator()));
        var organiser = await app.SignInAsync(email);
        const string page = "/events/tc-team/manage/team";
        var url = $"{page}?handler=Remove&userId={second.Id}&role=organiser";

        var first = await organiser.ConfirmationAsync(url, new(), page);
        Assert.Contains("Remove Sam Second as organiser?", first.TextContent);
        Assert.Contains("can no longer open this event's manage pages", first.TextContent);
        Assert.Equal(1, first.Count("other-organisers"));
        Assert.Contains(await Members.ListTeamAsync(e.Id), m => m.UserId == second.Id);

        await Members.GrantAsync(e.Id, third.Email, EventRoles.Organiser, second.Id, new Validator());
        var stale = await organiser.PostConfirmedAsync(url, first, page);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("other-organisers"));
        Assert.Contains(await Members.ListTeamAsync(e.Id), m => m.UserId == second.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.DoesNotContain(await Members.ListTeamAsync(e.Id), m => m.UserId == second.Id);
    }

    [Fact]
    public async Task Hostile_removal_posts_change_nothing_and_another_events_track_is_not_found()
    {
        var email = "org-tc-hostile@example.org";
        var s = await ScheduleKit.CreateAsync(app, "tc-hostile", organiserEmail: email);
        var other = await ScheduleKit.CreateAsync(app, "tc-hostile-other");
        var organiser = await app.SignInAsync(email);
        var page = $"/events/{s.Slug}/manage/tracks";
        var huge = await organiser.PostFormAsync($"{page}?handler=Remove&id={s.Kernel}", new() { ["stamp"] = new string('9', 50_000) }, page);
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        var theirs = await organiser.PostFormAsync($"{page}?handler=Remove&id={other.Kernel}", new() { ["stamp"] = "0.0.0.0" }, page);
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        var badRole = await organiser.PostFormAsync($"/events/{s.Slug}/manage/team?handler=Remove&userId=1&role=emperor", new(), $"/events/{s.Slug}/manage/team");
        Assert.Equal(HttpStatusCode.OK, badRole.StatusCode);
        Assert.Equal(2, (await Venue.ListPartsAsync((await Store.FindAsync(s.Slug))!.Id)).Tracks.Count);
        Assert.Equal(2, (await Venue.ListPartsAsync((await Store.FindAsync(other.Slug))!.Id)).Tracks.Count);
    }
}
