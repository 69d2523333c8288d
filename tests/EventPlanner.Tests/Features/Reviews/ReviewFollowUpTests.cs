using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Reviews;

/// <summary>What follows a decision beyond the review pages: speaker tickets, withdrawals, the in-review state, the event page, the ranking cache.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReviewFollowUpTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static async Task DecideAndReleaseAsync(ReviewEvent e, string state, params long[] ids)
    {
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = ids, state, includeReviewerNotes = false })).StatusCode);
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/release", new { })).EnsureSuccessStatusCode();
    }

    private static async Task AnswerAsync(HttpClient speaker, ReviewEvent e, long id, string response) =>
        (await speaker.PostAsJsonAsync($"{e.Api}/proposals/{id}/confirmation", new { response })).EnsureSuccessStatusCode();

    private static async Task<List<TicketResponse>> TicketsAsync(HttpClient user) =>
        (await user.GetFromJsonAsync<List<TicketResponse>>("/api/my/tickets"))!;

    private static async Task<string> SpeakerStateAsync(HttpClient speaker, ReviewEvent e, long id) =>
        (await speaker.GetFromJsonAsync<ProposalResponse>($"{e.Api}/proposals/{id}"))!.State;

    [Fact]
    public async Task Confirming_an_accepted_talk_issues_the_speaker_ticket_and_a_declined_second_talk_does_not_revoke_it()
    {
        var e = await ReviewKit.CreateAsync(app, "fu-tickets");
        var speakerType = await e.Organiser.PostAsJsonAsync($"/api/events/{e.Slug}/ticket-types", new
        {
            name = "Speaker", quota = 0, price = 0, currency = "MYR", requiresApproval = false, transferability = "transferable", perOrderLimit = 1, isSpeakerType = true,
        });
        Assert.True(speakerType.IsSuccessStatusCode, await speakerType.Content.ReadAsStringAsync());
        var (_, speaker, first) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-tickets-s@example.org", "First talk");
        var second = await ReviewKit.SubmitAsync(e, speaker, "Second talk");
        var (_, other, declined) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-tickets-o@example.org", "Declined talk");
        await DecideAndReleaseAsync(e, ProposalStates.Accepted, first.Id, second.Id, declined.Id);
        Assert.Empty(await TicketsAsync(speaker)); // accepted is not enough: the speaker must confirm

        await AnswerAsync(speaker, e, first.Id, "confirm");
        var ticket = Assert.Single(await TicketsAsync(speaker));
        Assert.Equal(("Speaker", "valid"), (ticket.TypeName, ticket.Status));

        await AnswerAsync(speaker, e, second.Id, "decline"); // the first talk still earns the ticket
        Assert.Equal("valid", Assert.Single(await TicketsAsync(speaker)).Status);
        await AnswerAsync(other, e, declined.Id, "decline");
        Assert.Empty(await TicketsAsync(other));
    }

    [Fact]
    public async Task Withdrawing_an_accepted_talk_through_the_cfp_offers_its_place_to_the_top_waitlisted_talk_of_its_track_and_type()
    {
        var e = await ReviewKit.CreateAsync(app, "fu-withdraw");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "fu-withdraw-r@example.org");
        var (_, acceptedSpeaker, accepted) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-withdraw-a@example.org", "Accepted web talk", track: 1);
        var (_, _, weak) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-withdraw-w1@example.org", "Weaker web talk", track: 1);
        var (_, strongSpeaker, strong) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-withdraw-w2@example.org", "Stronger web talk", track: 1);
        var (_, _, kernel) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-withdraw-k@example.org", "Best kernel talk", track: 0);
        await reviewer.ReviewAsync(e, weak.Id, 1, 2);
        await reviewer.ReviewAsync(e, strong.Id, 2, 4);
        await reviewer.ReviewAsync(e, kernel.Id, 3, 5);
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { weak.Id, strong.Id, kernel.Id }, state = "waitlisted" })).StatusCode);
        await DecideAndReleaseAsync(e, ProposalStates.Accepted, accepted.Id);

        var withdraw = await acceptedSpeaker.PostAsync($"{e.Api}/proposals/{accepted.Id}/withdraw", null);
        Assert.True(withdraw.IsSuccessStatusCode, await withdraw.Content.ReadAsStringAsync());

        var offer = Assert.Single((await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions"))!.Offers);
        Assert.Equal((accepted.Id, strong.Id, "withdrawn"), (offer.VacatedProposalId, offer.CandidateProposalId!.Value, offer.Reason));
        Assert.Contains("the speaker withdrew it", await e.Organiser.GetStringAsync($"/events/{e.Slug}/decisions"));
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/offers/{offer.Id}/confirm", new { })).EnsureSuccessStatusCode();
        Assert.Equal(ProposalStates.Accepted, await SpeakerStateAsync(strongSpeaker, e, strong.Id));

        // A talk that was never accepted frees no place when withdrawn.
        var (_, plainSpeaker, plain) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-withdraw-p@example.org", "Plain web talk", track: 1);
        (await plainSpeaker.PostAsync($"{e.Api}/proposals/{plain.Id}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.Single((await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions"))!.Offers);
    }

    [Fact]
    public async Task The_first_review_moves_a_submitted_proposal_to_in_review_and_its_speaker_sees_it()
    {
        var e = await ReviewKit.CreateAsync(app, "fu-inreview");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "fu-inreview-r@example.org");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-inreview-s@example.org", "Waiting talk");
        var (_, _, untouched) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-inreview-u@example.org", "Unreviewed talk");
        Assert.Equal(ProposalStates.Submitted, await SpeakerStateAsync(speaker, e, p.Id));

        await reviewer.ReviewAsync(e, p.Id, 2, 3);

        Assert.Equal(ProposalStates.InReview, await SpeakerStateAsync(speaker, e, p.Id));
        Assert.Contains("In review", await speaker.GetStringAsync($"/events/{e.Slug}/proposals/mine"));
        var ranking = await e.Organiser.GetStringAsync($"/events/{e.Slug}/ranking?state={ProposalStates.Submitted}");
        Assert.Contains("Unreviewed talk", ranking);
        Assert.DoesNotContain("Waiting talk", ranking);
    }

    [Fact]
    public async Task The_public_event_page_links_a_reviewer_of_that_event_to_their_queue_and_nobody_else()
    {
        var e = await ReviewKit.CreateAsync(app, "fu-eventpage");
        var other = await ReviewKit.CreateAsync(app, "fu-eventpage-other");
        foreach (var (slug, email) in new[] { (e.Slug, "fu-eventpage-r@example.org"), (other.Slug, "fu-eventpage-elsewhere@example.org") })
        {
            await app.CreateUserAsync(email, "Reviewer");
            await app.GrantAsync(slug, email, "reviewer");
        }
        await app.CreateUserAsync("fu-eventpage-s@example.org", "Someone");
        var link = $"href=\"/events/{e.Slug}/review\"";

        Assert.Contains(link, await (await app.SignInAsync("fu-eventpage-r@example.org")).GetStringAsync($"/events/{e.Slug}"));
        Assert.DoesNotContain(link, await (await app.SignInAsync("fu-eventpage-elsewhere@example.org")).GetStringAsync($"/events/{e.Slug}"));
        Assert.DoesNotContain(link, await (await app.SignInAsync("fu-eventpage-s@example.org")).GetStringAsync($"/events/{e.Slug}"));
        Assert.DoesNotContain(link, await app.CreateClient().GetStringAsync($"/events/{e.Slug}"));
    }

    [Fact]
    public async Task The_cached_ranking_follows_new_reviews_decisions_conflicts_and_renamed_speakers()
    {
        var e = await ReviewKit.CreateAsync(app, "fu-cache", otherScores: "always");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "fu-cache-r@example.org");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "fu-cache-s@example.org", "Cached talk", fullName: "Old Name");
        var ranking = $"/events/{e.Slug}/ranking";
        Assert.Contains("Old Name", await e.Organiser.GetStringAsync(ranking));
        Assert.DoesNotContain("100.0", await e.Organiser.GetStringAsync(ranking));

        await reviewer.ReviewAsync(e, p.Id, 3, 5);
        Assert.Contains("100.0", await e.Organiser.GetStringAsync(ranking));

        await reviewer.ReviewAsync(e, p.Id, 0, 1);
        var page = await e.Organiser.GetStringAsync(ranking);
        Assert.DoesNotContain("100.0", page);
        Assert.Contains("0.0", page);

        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { p.Id }, state = "shortlisted" })).StatusCode);
        Assert.Contains("Shortlisted (not released)", await e.Organiser.GetStringAsync(ranking));

        (await speaker.PutAsJsonAsync("/api/me/speaker-profile", new { fullName = "New Name", bio = "", affiliation = "", links = Array.Empty<string>() })).EnsureSuccessStatusCode();
        page = await e.Organiser.GetStringAsync(ranking);
        Assert.Contains("New Name", page);
        Assert.DoesNotContain("Old Name", page);

        // The reviewer declares a conflict: their review stops counting.
        (await reviewer.PostAsJsonAsync($"{e.Api}/review/proposals/{p.Id}/conflict", new { scope = "proposal", reason = "We work together." })).EnsureSuccessStatusCode();
        Assert.DoesNotContain("0.0", await e.Organiser.GetStringAsync(ranking));
    }
}
