using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Reviews;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ConflictApiTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task AssertHiddenAsync(HttpClient reviewer, ReviewEvent e, long proposalId)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"{e.Api}/review/proposals/{proposalId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{proposalId}/review", ReviewKit.Scores(e, 3, 5))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"{e.Api}/review/proposals/{proposalId}/conflict", new { })).StatusCode);
        var queue = await reviewer.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue?show=everything");
        Assert.DoesNotContain(queue!.Items, i => i.Id == proposalId);
        var next = await reviewer.GetAsync($"{e.Api}/review/next");
        if (next.StatusCode == HttpStatusCode.OK) Assert.NotEqual(proposalId, (await next.Content.ReadFromJsonAsync<NextResponse>())!.ProposalId);
    }

    [Fact]
    public async Task A_reviewer_never_sees_or_scores_their_own_proposal_even_as_an_organiser()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-own");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-own-r@example.org");
        var own = await ReviewKit.SubmitAsync(e, reviewer, "My own talk");
        var (_, _, other) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-own-s@example.org", "Someone else's talk");
        var ownByOrganiser = await ReviewKit.SubmitAsync(e, e.Organiser, "The organiser's talk");

        await AssertHiddenAsync(reviewer, e, own.Id);
        await AssertHiddenAsync(e.Organiser, e, ownByOrganiser.Id);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{e.Api}/review/proposals/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.GetAsync($"{e.Api}/review/proposals/{own.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_invited_co_speaker_cannot_review_the_proposal_before_answering_the_invitation()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-invited");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-invited-r@example.org");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-invited-s@example.org", "Co-presented");
        (await speaker.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/co-speakers", new { email = "cf-invited-r@example.org" })).EnsureSuccessStatusCode();

        await AssertHiddenAsync(reviewer, e, p.Id);
    }

    [Fact]
    public async Task A_declared_conflict_closes_the_proposal_and_takes_the_reviewers_score_out_of_everyone_elses_view()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-declared", otherScores: "always");
        var (_, conflicted) = await ReviewKit.ReviewerAsync(app, e, "cf-declared-a@example.org");
        var (_, other) = await ReviewKit.ReviewerAsync(app, e, "cf-declared-b@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-declared-s@example.org", "Packaging Rust");
        await conflicted.ReviewAsync(e, p.Id, 0, 1, comment: "Before I noticed.");

        var declared = await conflicted.PostAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/conflict", new { scope = "proposal", reason = "My former student." });

        Assert.Equal(HttpStatusCode.NoContent, declared.StatusCode);
        await AssertHiddenAsync(conflicted, e, p.Id);
        var seen = await other.GetFromJsonAsync<ReviewerProposalView>($"{e.Api}/review/proposals/{p.Id}");
        Assert.Empty(seen!.OtherReviews!);
        var mine = await conflicted.GetFromJsonAsync<List<MyConflictResponse>>($"{e.Api}/review/conflicts");
        Assert.Equal(p.Id, Assert.Single(mine!).ProposalId);
    }

    [Fact]
    public async Task A_conflict_with_a_speaker_covers_every_proposal_of_theirs()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-speaker");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-speaker-r@example.org");
        var (_, speaker, first) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-speaker-s@example.org", "First talk");
        var second = await ReviewKit.SubmitAsync(e, speaker, "Second talk");
        var (_, _, unrelated) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-speaker-u@example.org", "Unrelated");

        var byEmail = await reviewer.PostAsJsonAsync($"{e.Api}/review/conflicts", new { email = "cf-speaker-s@example.org", reason = "My spouse." });
        Assert.Equal(HttpStatusCode.NoContent, byEmail.StatusCode);

        await AssertHiddenAsync(reviewer, e, first.Id);
        await AssertHiddenAsync(reviewer, e, second.Id);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{e.Api}/review/proposals/{unrelated.Id}")).StatusCode);
        var unknown = await reviewer.PostAsJsonAsync($"{e.Api}/review/conflicts", new { email = "nobody-here@example.org" });
        Assert.Contains("email", (await unknown.FieldErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Declaring_a_conflict_with_a_proposals_speakers_from_an_anonymous_proposal_names_nobody_to_the_reviewer()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-anon-speakers", hideSpeakers: true);
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-anon-r@example.org");
        var (_, speaker, first) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-anon-s@example.org", "First talk", fullName: "Ottoline Farquharson");
        var second = await ReviewKit.SubmitAsync(e, speaker, "Second talk");

        (await reviewer.PostAsJsonAsync($"{e.Api}/review/proposals/{first.Id}/conflict", new { scope = "speakers" })).EnsureSuccessStatusCode();

        await AssertHiddenAsync(reviewer, e, second.Id);
        var mine = await reviewer.GetStringAsync($"{e.Api}/review/conflicts");
        Assert.DoesNotContain("Farquharson", mine);
        Assert.Contains("a speaker", mine);
    }

    [Fact]
    public async Task Co_speakers_and_colleagues_are_suggested_as_possible_conflicts_and_an_organiser_can_record_one()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-suggest");
        var (reviewerId, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-suggest-r@example.org");
        (await reviewer.PutAsJsonAsync("/api/me/speaker-profile", new { fullName = "Rae Viewer", affiliation = "Globex" })).EnsureSuccessStatusCode();
        var (_, _, colleague) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-suggest-c@example.org", "Colleague's talk", affiliation: "globex ");
        var (_, partner, earlier) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-suggest-p@example.org", "Joint talk we gave before");
        (await partner.PostAsJsonAsync($"{e.Api}/proposals/{earlier.Id}/co-speakers", new { email = "cf-suggest-r@example.org" })).EnsureSuccessStatusCode();
        var invitation = await app.Mail.WaitForAsync("cf-suggest-r@example.org", "invites you to co-present");
        var token = System.Text.RegularExpressions.Regex.Match(invitation.TextBody, "token=([^\\s]+)").Groups[1].Value;
        (await reviewer.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token = Uri.UnescapeDataString(token) })).EnsureSuccessStatusCode();
        var later = await ReviewKit.SubmitAsync(e, partner, "Partner's new talk");
        var (_, _, stranger) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-suggest-x@example.org", "A stranger's talk", affiliation: "Initech");

        var suggestions = (await reviewer.GetFromJsonAsync<List<SuggestionResponse>>($"{e.Api}/review/conflicts/suggestions"))!;

        Assert.Equal(new[] { colleague.Id, later.Id }, suggestions.Select(s => s.ProposalId).Order());
        Assert.Contains(suggestions, s => s.ProposalId == later.Id && s.Reason.Contains("co-presented"));
        Assert.Contains(suggestions, s => s.ProposalId == colleague.Id && s.Reason.Contains("affiliation"));
        var all = await e.Organiser.GetFromJsonAsync<List<SuggestionResponse>>($"{e.Api}/review/conflicts/suggestions/all");
        Assert.Contains(all!, s => s.ReviewerId == reviewerId && s.ProposalId == colleague.Id);

        (await e.Organiser.PostAsJsonAsync($"{e.Api}/review/conflicts/record", new { reviewerId, proposalId = colleague.Id, reason = "Same employer." }))
            .EnsureSuccessStatusCode();
        await AssertHiddenAsync(reviewer, e, colleague.Id);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{e.Api}/review/proposals/{stranger.Id}")).StatusCode);
    }

    [Fact]
    public async Task Declaring_a_conflict_drops_the_assignment_and_hand_assigning_a_conflicted_reviewer_is_refused()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-assign");
        var (reviewerId, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-assign-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-assign-s@example.org", "Packaging Rust");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments", new { proposalId = p.Id, reviewerId })).EnsureSuccessStatusCode();

        (await reviewer.PostAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/conflict", new { })).EnsureSuccessStatusCode();

        Assert.Empty((await e.Organiser.GetFromJsonAsync<List<AssignmentResponse>>($"{e.Api}/review/assignments"))!);
        var again = await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments", new { proposalId = p.Id, reviewerId });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("reviewerId", (await again.FieldErrorsAsync()).Keys);
    }

    [Fact]
    public async Task In_the_ranking_an_organiser_sees_no_scores_of_a_proposal_they_speak_on_or_are_conflicted_with()
    {
        var e = await ReviewKit.CreateAsync(app, "cf-ranking");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "cf-ranking-r@example.org");
        var own = await ReviewKit.SubmitAsync(e, e.Organiser, "The organiser's own talk");
        var (_, _, other) = await ReviewKit.SpeakerWithProposalAsync(app, e, "cf-ranking-s@example.org", "Someone else's talk");
        await reviewer.ReviewAsync(e, own.Id, 3, 5);
        await reviewer.ReviewAsync(e, other.Id, 2, 4);

        var ranking = (await e.Organiser.GetFromJsonAsync<List<RankingItem>>($"{e.Api}/ranking"))!;

        var mine = ranking.Single(r => r.Id == own.Id);
        Assert.True(mine.Conflicted);
        Assert.Null(mine.Total);
        Assert.Empty(mine.CriterionAverages);
        Assert.NotNull(ranking.Single(r => r.Id == other.Id).Total);
    }
}
