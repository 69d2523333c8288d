using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AnonymousReviewTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    // Everything that could tell a reviewer who the speaker is: name parts, address, account name, affiliation, bio, link.
    private static readonly string[] Identity =
        ["Zebedee", "Quartermaine", "zq-scan@example.org", "zq-scan", "Initrode", "Frobnicator", "zebedee.example.net"];

    private static void AssertAnonymous(string what, string output)
    {
        foreach (var secret in Identity)
        {
            Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{what} gives away '{secret}':\n{output}");
        }
    }

    private static async Task<string> ReadAsync(HttpClient client, string url, string what)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NoContent, $"{what}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task While_the_phase_hides_names_no_reviewer_visible_response_carries_the_speakers_identity()
    {
        var e = await ReviewKit.CreateAsync(app, "anon-scan", hideSpeakers: true, otherScores: "always");
        await app.CreateUserAsync("anon-reviewer@example.org", "Rae Viewer");
        await app.GrantAsync(e.Slug, "anon-reviewer@example.org", "reviewer");
        var api = await app.CreateApiClientAsync("anon-reviewer@example.org");
        var browser = await app.SignInAsync("anon-reviewer@example.org");
        // Same affiliation as the speaker, so the conflict suggestions have something to (not) give away.
        (await api.PutAsJsonAsync("/api/me/speaker-profile", new { fullName = "Rae Viewer", affiliation = "Initrode Labs" })).EnsureSuccessStatusCode();
        var (_, colleague) = await ReviewKit.ReviewerAsync(app, e, "anon-colleague@example.org");

        var (speakerId, speaker) = await EventPlanner.Tests.Features.Submissions.CfpKit.FastSpeakerAsync(app, "zq-scan@example.org");
        (await speaker.PutAsJsonAsync("/api/me/speaker-profile", new
        {
            fullName = "Zebedee Quartermaine", bio = "Zebedee maintains Frobnicator.", affiliation = "Initrode Labs", links = new[] { "https://zebedee.example.net/" },
        })).EnsureSuccessStatusCode();
        var p = await ReviewKit.SubmitAsync(e, speaker, "Zebedee Quartermaine's Rust packaging tricks", track: 1,
            @abstract: "I, Zebedee Quartermaine (zq-scan@example.org) of Initrode Labs, share Rust packaging tricks. Slides: https://zebedee.example.net/");
        await colleague.ReviewAsync(e, p.Id, 3, 5, comment: "Zebedee Quartermaine always gives a great talk.", note: "Thanks Zebedee!");

        var outputs = new List<(string What, string Body)>
        {
            ("API queue", await ReadAsync(api, $"{e.Api}/review/queue", "queue")),
            ("API queue, everything", await ReadAsync(api, $"{e.Api}/review/queue?show=everything", "queue")),
            ("API queue searched by name", await ReadAsync(api, $"{e.Api}/review/queue?q=Quartermaine", "search")),
            ("API next", await ReadAsync(api, $"{e.Api}/review/next", "next")),
            ("API proposal", await ReadAsync(api, $"{e.Api}/review/proposals/{p.Id}", "proposal")),
            ("API review saved", await (await api.PutAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/review", ReviewKit.Scores(e, 2, 4, "Nice tricks."))).Content.ReadAsStringAsync()),
            ("API suggestions", await ReadAsync(api, $"{e.Api}/review/conflicts/suggestions", "suggestions")),
            ("API my reviews CSV", await ReadAsync(api, $"{e.Api}/review/mine.csv", "csv")),
            ("queue page", await ReadAsync(browser, $"/events/{e.Slug}/review", "queue page")),
            // The search box shows back what the reviewer typed; that is theirs, not a leak.
            ("queue page searched by name", (await ReadAsync(browser, $"/events/{e.Slug}/review?q=Zebedee&show=everything", "search page"))
                .Replace("value=\"Zebedee\"", "")),
            ("review page", await ReadAsync(browser, $"/events/{e.Slug}/review/{p.Id}", "review page")),
            ("conflicts page", await ReadAsync(browser, $"/events/{e.Slug}/review/conflicts", "conflicts page")),
        };
        foreach (var (what, body) in outputs) AssertAnonymous(what, body);

        // The search found nothing by the hidden name, but finds the words reviewers can see; and the suggestion is there, nameless.
        Assert.Equal(0, (await api.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue?q=Quartermaine"))!.Total);
        Assert.Equal(1, (await api.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue?q=packaging"))!.Total);
        Assert.Contains(p.Id.ToString(), outputs.Single(o => o.What == "API suggestions").Body);
        Assert.Contains("Rust packaging tricks", outputs.Single(o => o.What == "review page").Body);

        // Notifications to reviewers: the speaker changes the proposal, and the reminder job tells the reviewers.
        (await speaker.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}", new
        {
            title = "Zebedee Quartermaine's Rust packaging tricks, revised", @abstract = "Now with more tricks.", sessionTypeId = e.Cfp.TalkId,
            durationMinutes = 25, trackIds = new[] { e.TrackIds[1] }, language = "English",
        })).EnsureSuccessStatusCode();
        await app.Services.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
        var notices = (await app.OutboxAsync("review-stale:")).Where(n => n.ToAddress == "anon-reviewer@example.org").ToList();
        var notice = Assert.Single(notices);
        Assert.Contains("Rust packaging tricks, revised", notice.Subject);
        AssertAnonymous("stale-review notification", notice.Subject + notice.Body);
        await NotificationTestKit.WaitUntilAsync(() => app.Mail.Sent.Any(m => m.ToAddress == "anon-reviewer@example.org" && m.Kind == ReviewNotificationKinds.ReviewStale.Name), "the notice");
        var mail = app.Mail.LastTo("anon-reviewer@example.org", ReviewNotificationKinds.ReviewStale.Name);
        AssertAnonymous("stale-review mail", mail.Subject + mail.TextBody + mail.HtmlBody);
        AssertAnonymous("inbox", await ReadAsync(browser, "/inbox", "inbox"));

        // A conflict with "its speakers" declared from the anonymous proposal lists nobody by name.
        (await api.PostAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/conflict", new { scope = "speakers" })).EnsureSuccessStatusCode();
        AssertAnonymous("API conflicts", await ReadAsync(api, $"{e.Api}/review/conflicts", "conflicts"));
        AssertAnonymous("conflicts page after declaring", await ReadAsync(browser, $"/events/{e.Slug}/review/conflicts", "conflicts page"));

        // Control: the organisers see who it is, and the scan would have caught a leak.
        Assert.Contains("Zebedee Quartermaine", await ReadAsync(e.Organiser, $"{e.Api}/ranking", "ranking"));
        Assert.True(speakerId > 0);
    }

    [Fact]
    public async Task When_the_phase_shows_names_reviewers_see_the_speakers_and_their_profiles()
    {
        var e = await ReviewKit.CreateAsync(app, "anon-open", hideSpeakers: false);
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "anon-open-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "anon-open-s@example.org", "Named talk", fullName: "Ottoline Farquharson",
            affiliation: "Globex");

        var view = await reviewer.GetFromJsonAsync<ReviewerProposalView>($"{e.Api}/review/proposals/{p.Id}");
        var queue = await reviewer.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue?q=Farquharson");

        Assert.False(view!.Anonymous);
        Assert.Equal(("Ottoline Farquharson", "Globex"), (view.Speakers!.Single().Name, view.Speakers!.Single().Affiliation));
        Assert.Equal(["Ottoline Farquharson"], queue!.Items.Single().Speakers!);
    }
}
