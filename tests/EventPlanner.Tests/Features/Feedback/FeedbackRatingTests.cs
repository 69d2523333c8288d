using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Tickets;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>One event's feedback from before the first talk to after the digest: the clock only moves forward in this class.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class FeedbackRatingTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Only_checked_in_holders_rate_once_per_session_speakers_see_nothing_until_it_closes_and_never_who_and_the_digest_mails_each_speaker_once()
    {
        var s = await FeedbackKit.CreateAsync(app, "fb-life");
        var ann = await s.AttendeeAsync(app);
        var bob = await s.AttendeeAsync(app);
        var notIn = await s.AttendeeAsync(app, checkedIn: false);
        var stranger = await app.UserAsync("fb-none");
        // A checked-in ticket of another event grants nothing here.
        var elsewhere = await FeedbackKit.CreateAsync(app, "fb-elsewhere");
        var visitor = await elsewhere.AttendeeAsync(app);
        var speaker = await app.CreateApiClientAsync(s.SpeakerEmail);

        Assert.Equal(HttpStatusCode.Conflict, (await ann.Api.RateAsync(s, s.Talk, 5)).StatusCode); // not started yet

        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddMinutes(30));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Api.RateAsync(s, s.Talk, 5)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await notIn.Api.RateAsync(s, s.Talk, 5)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.Api.RateAsync(s, s.Talk, 5)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await speaker.RateAsync(s, s.Talk, 5)).StatusCode); // not their own talk
        Assert.Equal(HttpStatusCode.Conflict, (await ann.Api.RateAsync(s, s.OtherTalk, 5)).StatusCode); // 11:00 has not started

        Assert.Equal(HttpStatusCode.OK, (await ann.Api.RateAsync(s, s.Talk, 5, "Great talk")).StatusCode);
        var changed = await ann.Api.RateAsync(s, s.Talk, 4, "Good, a bit fast");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var own = (await changed.Content.ReadFromJsonAsync<MyFeedbackResponse>())!;
        Assert.Equal((4, "Good, a bit fast"), (own.Rating, own.Comment));
        Assert.Equal(HttpStatusCode.OK, (await bob.Api.RateAsync(s, s.Talk, 2, "<b>Bob</b> could not hear")).StatusCode);
        await using (var c = await Db.OpenAsync())
        {
            Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_feedback WHERE session_id = @Talk", new { s.Talk }));
        }

        // Before feedback closes a speaker sees nothing, organisers see everything.
        var early = (await speaker.GetFromJsonAsync<SpeakerFeedbackResponse>($"{s.Api}/mine"))!;
        Assert.False(early.IsClosed);
        Assert.Empty(early.Sessions);
        var report = (await s.Organiser.GetFromJsonAsync<FeedbackReportResponse>(s.Api))!;
        var talk = report.Sessions.Single(x => x.SessionId == s.Talk);
        Assert.Equal([0, 1, 0, 1, 0], talk.Distribution);
        Assert.Equal(3.0, talk.Mean);
        Assert.Equal("Packaging Rust for Debian", report.Ranking.Single(r => r.Track == "Kernel").Sessions.Single().Title);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.Api.GetAsync(s.Api)).StatusCode); // organisers only

        app.Clock.SetUtcNow(FeedbackKit.Closes);
        Assert.Equal(HttpStatusCode.Conflict, (await bob.Api.RateAsync(s, s.Talk, 5)).StatusCode);
        var raw = await speaker.GetStringAsync($"{s.Api}/mine");
        var after = System.Text.Json.JsonSerializer.Deserialize<SpeakerFeedbackResponse>(raw, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.True(after.IsClosed);
        var mine = Assert.Single(after.Sessions); // only their own session
        Assert.Equal((s.Talk, 2), (mine.SessionId, mine.Count));
        Assert.Equal([0, 1, 0, 1, 0], mine.Distribution);
        Assert.Equal(["Good, a bit fast", "<b>Bob</b> could not hear"], mine.Comments);
        foreach (var who in new[] { ann, bob }) Assert.DoesNotContain(who.Email.Split('@')[0], raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("userId", raw, StringComparison.OrdinalIgnoreCase);

        // The digest: each speaker of a placed session once, however often the job runs.
        var job = app.Services.GetRequiredService<FeedbackDigestJob>();
        Assert.Equal(4, await job.RunAsync(CancellationToken.None)); // two speakers in each of the two events
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));
        await using (var c = await Db.OpenAsync())
        {
            var digests = (await c.QueryAsync<(string To, string Body)>("""
                SELECT u.email, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'feedback-digest' AND n.event_id = @EventId
                """, new { s.EventId })).ToList();
            Assert.Equal([s.OtherSpeakerEmail, s.SpeakerEmail], digests.Select(d => d.To).Order());
            var ada = digests.Single(d => d.To == s.SpeakerEmail).Body;
            // The mail body is Markdown: values arrive escaped, so a comment's markup stays text.
            Assert.Contains(@"Packaging Rust for Debian: 2 ratings, average 3\.0", ada);
            Assert.Contains(@"\<b\>Bob\</b\> could not hear", ada);
            Assert.DoesNotContain("Web components", ada);
            foreach (var who in new[] { ann, bob }) Assert.DoesNotContain(who.Email.Split('@')[0], ada, StringComparison.OrdinalIgnoreCase);
        }
    }
}
