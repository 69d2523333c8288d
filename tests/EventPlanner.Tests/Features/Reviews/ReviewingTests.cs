using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Reviews;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReviewingTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task A_reviewer_scores_and_edits_while_the_phase_is_open_and_the_review_is_frozen_after_it_closes()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-edit");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rv-edit-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-edit-s@example.org", "Packaging Rust");

        var first = await reviewer.ReviewAsync(e, p.Id, 2, 5, comment: "Good fit.");
        Assert.Equal(100.0 * 7 / 9, first.MyReview!.Total!.Value, 6);
        Assert.Equal("Good fit.", first.MyReview.Comment);
        var edited = await reviewer.ReviewAsync(e, p.Id, 3, 5, comment: "Even better.");
        Assert.Equal(100, edited.MyReview!.Total);
        Assert.Equal("Even better.", edited.MyReview.Comment);

        (await e.Organiser.PutAsJsonAsync($"{e.Api}/review/phases/{e.PhaseId}", new
        {
            name = "First round", opensAt = CfpKit.Local(app.Clock.GetUtcNow().AddDays(-3)), closesAt = CfpKit.Local(app.Clock.GetUtcNow().AddMinutes(-1)),
            reviewers = "all",
        })).EnsureSuccessStatusCode();
        var late = await reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/review", ReviewKit.Scores(e, 0, 1));

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("phase", (await late.FieldErrorsAsync()).Keys);
        var view = await reviewer.GetFromJsonAsync<ReviewerProposalView>($"{e.Api}/review/proposals/{p.Id}");
        Assert.Equal(100, view!.MyReview!.Total);
        Assert.False(view.MayScore);
    }

    [Fact]
    public async Task Scores_outside_the_scale_or_missing_are_refused_with_field_messages_and_abstaining_needs_none()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-invalid");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rv-invalid-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-invalid-s@example.org", "Packaging Rust");

        var bad = await reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/review",
            new { scores = new Dictionary<string, int> { [e.Relevance.ToString()] = 9 } });
        var errors = await bad.FieldErrorsAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains($"scores[{e.Relevance}]", errors.Keys);
        Assert.Contains($"scores[{e.Clarity}]", errors.Keys);
        var abstained = await ReviewKit.Read<ReviewerProposalView>(await reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/review",
            new { abstain = true, comment = "I mentor this speaker." }));
        Assert.True(abstained.MyReview!.Abstained);
        Assert.Null(abstained.MyReview.Total);
    }

    [Fact]
    public async Task Other_reviewers_scores_stay_hidden_until_the_reviewer_has_reviewed_when_the_phase_says_so()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-hidden", otherScores: "after_own");
        var (_, first) = await ReviewKit.ReviewerAsync(app, e, "rv-hidden-a@example.org");
        var (_, second) = await ReviewKit.ReviewerAsync(app, e, "rv-hidden-b@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-hidden-s@example.org", "Packaging Rust");
        await first.ReviewAsync(e, p.Id, 3, 5, comment: "Take it!");

        var before = await second.GetStringAsync($"{e.Api}/review/proposals/{p.Id}");
        var after = await second.ReviewAsync(e, p.Id, 1, 2);

        Assert.DoesNotContain("Take it!", before);
        Assert.Contains("\"otherReviews\":null", before);
        Assert.Contains("\"summary\":null", before);
        Assert.Equal("Take it!", Assert.Single(after.OtherReviews!).Comment);
        Assert.Equal(2, after.Summary!.Reviews);
    }

    [Fact]
    public async Task When_the_phase_never_shows_other_scores_they_stay_hidden_after_reviewing_too()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-never", otherScores: "never");
        var (_, first) = await ReviewKit.ReviewerAsync(app, e, "rv-never-a@example.org");
        var (_, second) = await ReviewKit.ReviewerAsync(app, e, "rv-never-b@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-never-s@example.org", "Packaging Rust");
        await first.ReviewAsync(e, p.Id, 3, 5, comment: "Take it!");

        var after = await second.ReviewAsync(e, p.Id, 1, 2);

        Assert.Null(after.OtherReviews);
        Assert.Null(after.Summary);
    }

    [Fact]
    public async Task A_proposal_changed_after_a_review_marks_that_review_stale_in_the_queue_and_on_the_proposal_until_reviewed_again()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-stale");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rv-stale-r@example.org");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-stale-s@example.org", "Packaging Rust");
        await reviewer.ReviewAsync(e, p.Id, 2, 4);
        Assert.Equal(ReviewStatus.Reviewed, (await QueueAsync(reviewer, e)).Single().Status);

        (await speaker.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}", new
        {
            title = "Packaging Rust, revised", @abstract = "Now with more crates.", sessionTypeId = e.Cfp.TalkId, durationMinutes = 25,
            trackIds = new[] { e.TrackIds[1] }, language = "English",
        })).EnsureSuccessStatusCode();

        var item = (await QueueAsync(reviewer, e)).Single();
        var view = await reviewer.GetFromJsonAsync<ReviewerProposalView>($"{e.Api}/review/proposals/{p.Id}");
        Assert.Equal(ReviewStatus.Stale, item.Status);
        Assert.True(view!.MyReviewStale);
        Assert.True(view.MyReview!.Stale);

        var again = await reviewer.ReviewAsync(e, p.Id, 3, 4);
        Assert.False(again.MyReviewStale);
        Assert.Equal(ReviewStatus.Reviewed, (await QueueAsync(reviewer, e)).Single().Status);
    }

    [Fact]
    public async Task Next_serves_the_least_reviewed_unreviewed_proposal_and_says_so_when_none_is_left()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-next");
        var (_, me) = await ReviewKit.ReviewerAsync(app, e, "rv-next-me@example.org");
        var (_, other) = await ReviewKit.ReviewerAsync(app, e, "rv-next-o@example.org");
        var (_, _, a) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-next-a@example.org", "Alpha");
        var (_, _, b) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-next-b@example.org", "Beta");
        await other.ReviewAsync(e, a.Id, 1, 1);

        var next = await me.GetFromJsonAsync<NextResponse>($"{e.Api}/review/next");
        Assert.Equal(b.Id, next!.ProposalId);
        await me.ReviewAsync(e, b.Id, 2, 2);
        Assert.Equal(a.Id, (await me.GetFromJsonAsync<NextResponse>($"{e.Api}/review/next"))!.ProposalId);
        await me.ReviewAsync(e, a.Id, 2, 2);

        Assert.Equal(HttpStatusCode.NoContent, (await me.GetAsync($"{e.Api}/review/next")).StatusCode);
    }

    [Fact]
    public async Task People_without_a_role_in_the_event_cannot_use_the_review_api()
    {
        var e = await ReviewKit.CreateAsync(app, "rv-stranger");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rv-stranger-s@example.org", "Alpha");
        var (_, stranger) = await CfpKit.FastSpeakerAsync(app, "rv-stranger-x@example.org");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rv-stranger-r@example.org");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{e.Api}/review/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{e.Api}/review/proposals/{p.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"{e.Api}/review/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"{e.Api}/review/assignments/auto", new { })).StatusCode);
    }

    private static async Task<IReadOnlyList<QueueItem>> QueueAsync(HttpClient reviewer, ReviewEvent e) =>
        (await reviewer.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue"))!.Items;
}
