using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Reviews;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DecisionTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static async Task DecideAsync(ReviewEvent e, string state, bool notes = false, params long[] ids) =>
        Assert.Equal(HttpStatusCode.OK, (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = ids, state, includeReviewerNotes = notes })).StatusCode);

    private static async Task ReleaseAsync(ReviewEvent e) =>
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/release", new { })).EnsureSuccessStatusCode();

    private static async Task<string> SpeakerStateAsync(HttpClient speaker, ReviewEvent e, long id) =>
        (await speaker.GetFromJsonAsync<ProposalResponse>($"{e.Api}/proposals/{id}"))!.State;

    private Task WaitForMailAsync(string address, string kind) =>
        NotificationTestKit.WaitUntilAsync(() => app.Mail.Sent.Any(m => m.ToAddress == address && m.Kind == kind), $"{kind} mail to {address}");

    private string ConfirmToken(string address)
    {
        var mail = app.Mail.Sent.Last(m => m.ToAddress == address && m.Kind == ReviewNotificationKinds.DecisionAccepted.Name);
        var match = Regex.Match(mail.TextBody, @"/confirm\?token=([A-Za-z0-9_\-]+)");
        Assert.True(match.Success, mail.TextBody);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Decision_mails_are_held_and_reach_nobody_until_the_organisers_release_the_decisions()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-held");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "dc-held-r@example.org");
        var (_, yesSpeaker, yes) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-held-yes@example.org", "Accepted talk");
        var (_, noSpeaker, no) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-held-no@example.org", "Rejected talk");
        await reviewer.ReviewAsync(e, no.Id, 0, 2, note: "Try a shorter format next time.");

        await DecideAsync(e, "accepted", false, yes.Id);
        await DecideAsync(e, "rejected", true, no.Id);

        var held = (await app.OutboxAsync($"decision:{yes.Id}:")).Concat(await app.OutboxAsync($"decision:{no.Id}:")).ToList();
        Assert.Equal(2, held.Count);
        Assert.All(held, n => Assert.Equal(NotificationStates.Held, n.State));
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress.StartsWith("dc-held-") && m.Kind?.StartsWith("decision-") == true);
        Assert.Equal(ProposalStates.Submitted, await SpeakerStateAsync(yesSpeaker, e, yes.Id));
        // Reviewed, so in review for its speaker since the first review; the held decision shows nowhere yet.
        Assert.Equal(ProposalStates.InReview, await SpeakerStateAsync(noSpeaker, e, no.Id));
        var overview = await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions");
        Assert.Equal(2, overview!.Unreleased);
        Assert.Equal(2, overview.HeldMails);

        await ReleaseAsync(e);

        await WaitForMailAsync("dc-held-yes@example.org", ReviewNotificationKinds.DecisionAccepted.Name);
        await WaitForMailAsync("dc-held-no@example.org", ReviewNotificationKinds.DecisionRejected.Name);
        Assert.Equal(ProposalStates.Accepted, await SpeakerStateAsync(yesSpeaker, e, yes.Id));
        Assert.Equal(ProposalStates.Rejected, await SpeakerStateAsync(noSpeaker, e, no.Id));
        Assert.Contains("Try a shorter format next time.", app.Mail.LastTo("dc-held-no@example.org", ReviewNotificationKinds.DecisionRejected.Name).TextBody);
        Assert.Contains("/confirm?token=", app.Mail.LastTo("dc-held-yes@example.org", ReviewNotificationKinds.DecisionAccepted.Name).TextBody);
    }

    [Fact]
    public async Task A_decision_changed_before_release_sends_only_the_last_one()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-change");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-change-s@example.org", "Undecided talk");

        await DecideAsync(e, "accepted", false, p.Id);
        await DecideAsync(e, "waitlisted", false, p.Id);
        await ReleaseAsync(e);

        await WaitForMailAsync("dc-change-s@example.org", ReviewNotificationKinds.DecisionWaitlisted.Name);
        var rows = await app.OutboxAsync($"decision:{p.Id}:");
        Assert.Equal(NotificationStates.Discarded, rows.Single(r => r.Kind == ReviewNotificationKinds.DecisionAccepted.Name).State);
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress == "dc-change-s@example.org" && m.Kind == ReviewNotificationKinds.DecisionAccepted.Name);
    }

    [Fact]
    public async Task Confirmed_talks_cannot_be_decided_again_and_unknown_proposals_are_named()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-refuse");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-refuse-s@example.org", "Confirmed talk");
        await DecideAsync(e, "accepted", false, p.Id);
        await ReleaseAsync(e);
        (await speaker.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/confirmation", new { response = "confirm" })).EnsureSuccessStatusCode();

        var again = await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { p.Id, 999_999 }, state = "rejected" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var errors = string.Join(" ", (await again.FieldErrorsAsync())["proposalIds"]);
        Assert.Contains("999999", errors);
        Assert.Contains("Confirmed talk", errors);
        Assert.Equal(ProposalStates.Confirmed, await SpeakerStateAsync(speaker, e, p.Id));
    }

    [Fact]
    public async Task A_speaker_confirms_by_the_emailed_link_without_signing_in_and_a_wrong_token_finds_nothing()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-link");
        var (_, speaker, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-link-s@example.org", "Linked talk");
        await DecideAsync(e, "accepted", false, p.Id);
        await ReleaseAsync(e);
        await WaitForMailAsync("dc-link-s@example.org", ReviewNotificationKinds.DecisionAccepted.Name);
        var token = ConfirmToken("dc-link-s@example.org");
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"{e.Api}/proposals/{p.Id}/confirmation?token=wrong-{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/confirmation", new { response = "confirm" })).StatusCode);
        var before = await anonymous.GetFromJsonAsync<ConfirmationView>($"{e.Api}/proposals/{p.Id}/confirmation?token={token}");
        Assert.True(before!.Open);

        var confirmed = await ReviewKit.Read<ConfirmationView>(await anonymous.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/confirmation", new { response = "confirm", token }));

        Assert.Equal(ProposalStates.Confirmed, confirmed.ReleasedState);
        Assert.Equal(ProposalStates.Confirmed, await SpeakerStateAsync(speaker, e, p.Id));
        var declineLater = await anonymous.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/confirmation", new { response = "decline", token });
        Assert.Equal(HttpStatusCode.BadRequest, declineLater.StatusCode);
    }

    [Fact]
    public async Task A_decline_by_link_offers_the_slot_to_the_top_waitlisted_proposal_of_the_same_track_and_type_and_one_click_accepts_it()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-waitlist");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "dc-waitlist-r@example.org");
        var (_, _, accepted) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-waitlist-a@example.org", "Accepted web talk", track: 1);
        var (_, _, weak) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-waitlist-w1@example.org", "Weaker web talk", track: 1);
        var (_, strongSpeaker, strong) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-waitlist-w2@example.org", "Stronger web talk", track: 1);
        var (_, _, kernel) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-waitlist-k@example.org", "Best kernel talk", track: 0);
        await reviewer.ReviewAsync(e, weak.Id, 1, 2);
        await reviewer.ReviewAsync(e, strong.Id, 2, 4);
        await reviewer.ReviewAsync(e, kernel.Id, 3, 5);
        await DecideAsync(e, "accepted", false, accepted.Id);
        await DecideAsync(e, "waitlisted", false, weak.Id, strong.Id, kernel.Id);
        await ReleaseAsync(e);
        await WaitForMailAsync("dc-waitlist-a@example.org", ReviewNotificationKinds.DecisionAccepted.Name);

        var declined = await app.CreateClient().PostAsJsonAsync($"{e.Api}/proposals/{accepted.Id}/confirmation",
            new { response = "decline", token = ConfirmToken("dc-waitlist-a@example.org") });
        Assert.Equal(ProposalStates.Withdrawn, (await ReviewKit.Read<ConfirmationView>(declined)).ReleasedState);

        var offer = Assert.Single((await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions"))!.Offers);
        Assert.Equal((accepted.Id, strong.Id, "declined"), (offer.VacatedProposalId, offer.CandidateProposalId!.Value, offer.Reason));

        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/offers/{offer.Id}/confirm", new { })).EnsureSuccessStatusCode();

        Assert.Equal(ProposalStates.Accepted, await SpeakerStateAsync(strongSpeaker, e, strong.Id));
        await WaitForMailAsync("dc-waitlist-w2@example.org", ReviewNotificationKinds.DecisionAccepted.Name);
        Assert.Equal("confirmed", Assert.Single((await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions"))!.Offers).Resolution);
        var again = await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/offers/{offer.Id}/confirm", new { });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_missed_deadline_withdraws_the_talk_and_offers_its_slot_when_anyone_looks_or_when_the_job_runs()
    {
        var e = await ReviewKit.CreateAsync(app, "dc-deadline");
        var (_, speaker, lapsing) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-deadline-a@example.org", "Silent speaker's talk");
        var (_, _, backup) = await ReviewKit.SpeakerWithProposalAsync(app, e, "dc-deadline-w@example.org", "Backup talk");
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/review/settings", new { totalMethod = "mean", reviewersPerProposal = 2, confirmDays = 3 })).EnsureSuccessStatusCode();
        await DecideAsync(e, "accepted", false, lapsing.Id);
        await DecideAsync(e, "waitlisted", false, backup.Id);
        await ReleaseAsync(e);
        var view = await speaker.GetFromJsonAsync<ConfirmationView>($"{e.Api}/proposals/{lapsing.Id}/confirmation");
        Assert.Equal(app.Clock.GetUtcNow().AddDays(3), view!.ConfirmBy);

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var overview = await e.Organiser.GetFromJsonAsync<OverviewResponse>($"{e.Api}/decisions");

        var offer = Assert.Single(overview!.Offers);
        Assert.Equal(("expired", backup.Id), (offer.Reason, offer.CandidateProposalId!.Value));
        Assert.Equal(ProposalStates.Withdrawn, await SpeakerStateAsync(speaker, e, lapsing.Id));
        var late = await speaker.PostAsJsonAsync($"{e.Api}/proposals/{lapsing.Id}/confirmation", new { response = "confirm" });
        Assert.Contains("deadline", string.Join(" ", (await late.FieldErrorsAsync())["response"]));

        // The same through the recurring job, in another event nobody looks at.
        var quiet = await ReviewKit.CreateAsync(app, "dc-deadline-job");
        var (_, quietSpeaker, q) = await ReviewKit.SpeakerWithProposalAsync(app, quiet, "dc-deadline-q@example.org", "Quiet talk");
        await DecideAsync(quiet, "accepted", false, q.Id);
        await ReleaseAsync(quiet);
        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(1, await app.Services.GetRequiredService<ConfirmationDeadlineJob>().RunAsync(CancellationToken.None));
        Assert.Equal(ProposalStates.Withdrawn, await SpeakerStateAsync(quietSpeaker, quiet, q.Id));
    }
}
