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

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReviewPagesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<HttpClient> BrowserAsync(ReviewEvent e, string email, string role = "reviewer")
    {
        await app.CreateUserAsync(email, email.Split('@')[0]);
        await app.GrantAsync(e.Slug, email, role);
        return await app.SignInAsync(email);
    }

    [Fact]
    public async Task A_reviewer_works_through_the_queue_with_next_and_saves_reviews_through_the_form()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-queue");
        var reviewer = await BrowserAsync(e, "pg-queue-r@example.org");
        var (_, _, first) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-queue-a@example.org", "First talk");
        var (_, _, second) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-queue-b@example.org", "Second talk");

        var queue = await reviewer.GetStringAsync($"/events/{e.Slug}/review");
        Assert.Contains("First talk", queue);
        Assert.Contains(">Next proposal<", queue);

        var next = await reviewer.GetAsync($"/events/{e.Slug}/review/next");
        Assert.Equal($"/events/{e.Slug}/review/{first.Id}", next.LocationPath());
        var page = await reviewer.GetStringAsync(next.LocationPath());
        foreach (var label in new[] { ">Save review<", ">Abstain<", ">Declare a conflict<", "Relevance (0–3, weight 2)", "Comment for the committee" })
        {
            Assert.Contains(label, page);
        }

        var saved = await reviewer.PostFormAsync($"/events/{e.Slug}/review/{first.Id}", new()
        {
            [$"Scores[{e.Relevance}]"] = "3", [$"Scores[{e.Clarity}]"] = "4", ["Comment"] = "Great fit for the track.", ["NoteToSpeaker"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await reviewer.GetStringAsync($"/events/{e.Slug}/review/{first.Id}");
        Assert.Contains("Your review is saved.", after);
        Assert.Contains("Great fit for the track.", after);
        Assert.Matches($"id=\"score-{e.Relevance}-3\" name=\"Scores\\[{e.Relevance}\\]\" value=\"3\" checked", after);

        Assert.Equal($"/events/{e.Slug}/review/{second.Id}", (await reviewer.GetAsync($"/events/{e.Slug}/review/next")).LocationPath());
        var abstained = await reviewer.PostFormAsync($"/events/{e.Slug}/review/{second.Id}", new() { ["abstain"] = "true", ["Comment"] = "I know them." });
        Assert.Equal(HttpStatusCode.Redirect, abstained.StatusCode);
        var done = await reviewer.GetAsync($"/events/{e.Slug}/review/next");
        Assert.Equal($"/events/{e.Slug}/review", done.LocationPath());
        Assert.Contains("Nothing is left for you to review", await reviewer.GetStringAsync(done.LocationPath()));
    }

    [Fact]
    public async Task A_missing_score_is_shown_next_to_the_form_and_nothing_is_saved()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-invalid");
        var reviewer = await BrowserAsync(e, "pg-invalid-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-invalid-s@example.org", "Talk");

        var response = await reviewer.PostFormAsync($"/events/{e.Slug}/review/{p.Id}", new() { [$"Scores[{e.Relevance}]"] = "2", ["Comment"] = "Half done" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Give a score for Clarity", html);
        Assert.Contains("class=\"field-error\"", html);
        Assert.DoesNotContain("Your review is saved.", html);
    }

    [Fact]
    public async Task An_empty_review_form_asks_for_the_scores_in_words_not_binding_messages()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-empty");
        var reviewer = await BrowserAsync(e, "pg-empty-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-empty-s@example.org", "Talk");

        var response = await reviewer.PostFormAsync($"/events/{e.Slug}/review/{p.Id}", new() { ["Comment"] = "", ["NoteToSpeaker"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Give a score for Clarity", html);
        Assert.DoesNotContain("was not in a correct format", html);
        Assert.DoesNotContain("is not valid", html);
    }

    [Fact]
    public async Task Own_and_conflicted_proposals_are_not_found_on_the_review_pages()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-conflict");
        var reviewer = await BrowserAsync(e, "pg-conflict-r@example.org");
        var own = await ReviewKit.SubmitAsync(e, await app.CreateApiClientAsync("pg-conflict-r@example.org"), "My own talk");
        var (_, _, other) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-conflict-s@example.org", "Colleague's talk");

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/events/{e.Slug}/review/{own.Id}")).StatusCode);
        Assert.DoesNotContain("My own talk", await reviewer.GetStringAsync($"/events/{e.Slug}/review?show=everything"));

        var declared = await reviewer.PostFormAsync($"/events/{e.Slug}/review/{other.Id}?handler=Conflict",
            new() { ["ConflictScope"] = "proposal", ["ConflictReason"] = "We work together." }, getUrl: $"/events/{e.Slug}/review/{other.Id}");
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/events/{e.Slug}/review/{other.Id}")).StatusCode);
        var token = FormPosting.AntiforgeryFrom(await reviewer.GetStringAsync($"/events/{e.Slug}/review/conflicts"));
        var post = await reviewer.PostAsync($"/events/{e.Slug}/review/{other.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, [$"Scores[{e.Relevance}]"] = "3", [$"Scores[{e.Clarity}]"] = "5",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("Proposal #" + other.Id, await reviewer.GetStringAsync($"/events/{e.Slug}/review/conflicts"));
        Assert.Contains("We work together.", await e.Organiser.GetStringAsync($"{e.Api}/review/conflicts/all"));
    }

    [Fact]
    public async Task Review_pages_need_the_role_and_organiser_pages_need_an_organiser()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-roles");
        var reviewer = await BrowserAsync(e, "pg-roles-r@example.org");
        await app.CreateUserAsync("pg-roles-x@example.org");
        var stranger = await app.SignInAsync("pg-roles-x@example.org");

        Assert.Equal("/account/access-denied", (await stranger.GetAsync($"/events/{e.Slug}/review")).LocationPath()?.Split('?')[0]);
        foreach (var page in new[] { "review/setup", "review/assign", "ranking", "decisions" })
        {
            Assert.Equal("/account/access-denied", (await reviewer.GetAsync($"/events/{e.Slug}/{page}")).LocationPath()?.Split('?')[0]);
        }
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/events/{e.Slug}/review")).StatusCode);
    }

    [Fact]
    public async Task An_organiser_sets_up_criteria_phases_and_teams_through_the_forms()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-setup");
        await app.CreateUserAsync("pg-setup-r@example.org", "Team Member");
        await app.GrantAsync(e.Slug, "pg-setup-r@example.org", "reviewer");
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var url = $"/events/{e.Slug}/review/setup";

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"{url}?handler=Criterion", new()
        {
            ["Criterion.Name"] = "Originality", ["Criterion.MinScore"] = "1", ["Criterion.MaxScore"] = "5", ["Criterion.Weight"] = "1.5",
            ["Criterion.TrackIds"] = e.TrackIds[0].ToString(), ["Criterion.SortOrder"] = "2",
        }, getUrl: url)).StatusCode);
        var bad = await organiser.PostFormAsync($"{url}?handler=Criterion", new() { ["Criterion.Name"] = "Broken", ["Criterion.MinScore"] = "3", ["Criterion.MaxScore"] = "1" }, getUrl: url);
        Assert.Contains("The highest score must be above the lowest", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"{url}?handler=Phase", new()
        {
            ["Phase.Name"] = "Shortlist round", ["Phase.OpensAt"] = "2027-01-10T09:00", ["Phase.ClosesAt"] = "2027-01-20T18:00",
            ["Phase.Reviewers"] = "all", ["Phase.ProposalStates"] = "shortlisted", ["Phase.OtherScores"] = "always",
        }, getUrl: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"{url}?handler=Team", new()
        {
            ["Team.Name"] = "Kernel reviewers", ["Team.TrackIds"] = e.TrackIds[0].ToString(), ["Team.Members"] = "pg-setup-r@example.org",
        }, getUrl: url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"{url}?handler=Settings", new()
        {
            ["Settings.TotalMethod"] = "median", ["Settings.ReviewersPerProposal"] = "2", ["Settings.ConfirmDays"] = "7",
        }, getUrl: url)).StatusCode);

        var setup = await e.Organiser.GetFromJsonAsync<ReviewSetupResponse>($"{e.Api}/review/setup");
        var originality = setup!.Criteria.Single(c => c.Name == "Originality");
        Assert.Equal((1, 5, 1.5, e.TrackIds[0]), (originality.MinScore, originality.MaxScore, originality.Weight, originality.TrackIds.Single()));
        var round = setup.Phases.Single(p => p.Name == "Shortlist round");
        Assert.Equal(("shortlisted", "always", false), (round.ProposalStates, round.OtherScores, round.HideSpeakers));
        Assert.Equal("2027-01-10T09:00", round.OpensAtLocal);
        Assert.Equal("pg-setup-r@example.org", setup.Teams.Single().Members.Single().Email);
        Assert.Equal(("median", 2, 7), (setup.Settings.TotalMethod, setup.Settings.ReviewersPerProposal, setup.Settings.ConfirmDays));
    }

    [Fact]
    public async Task An_organiser_shortlists_and_accepts_from_the_ranking_releases_and_the_speaker_confirms_by_the_mailed_link()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-decide");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "pg-decide-r@example.org");
        var (_, _, good) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-decide-a@example.org", "Strong talk");
        var (_, _, fair) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-decide-b@example.org", "Fair talk");
        await reviewer.ReviewAsync(e, good.Id, 3, 5);
        await reviewer.ReviewAsync(e, fair.Id, 1, 3);
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var ranking = $"/events/{e.Slug}/ranking";

        var html = await organiser.GetStringAsync(ranking);
        Assert.True(html.IndexOf("Strong talk", StringComparison.Ordinal) < html.IndexOf("Fair talk", StringComparison.Ordinal), "ranked by total");
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("<title id=\"chart-distribution-title\">Score distribution</title>", html);
        foreach (var button in new[] { ">Shortlist<", ">Accept<", ">Waitlist<", ">Reject<" }) Assert.Contains(button, html);

        var shortlisted = await organiser.PostFormAsync($"{ranking}?handler=Decide", new() { ["Ids"] = fair.Id.ToString(), ["decision"] = "shortlisted" }, getUrl: ranking);
        Assert.Equal(HttpStatusCode.Redirect, shortlisted.StatusCode);
        var token = FormPosting.AntiforgeryFrom(await organiser.GetStringAsync(ranking));
        var accepted = await organiser.PostAsync($"{ranking}?handler=Decide", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Ids", good.Id.ToString()), new("Ids", fair.Id.ToString()), new("decision", "accepted"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress.StartsWith("pg-decide-") && m.Kind?.StartsWith("decision-") == true);

        var decisions = await organiser.GetStringAsync($"/events/{e.Slug}/decisions");
        Assert.Contains(">Release decisions<", decisions);
        var released = await organiser.PostFormAsync($"/events/{e.Slug}/decisions?handler=Release", new(), getUrl: $"/events/{e.Slug}/decisions");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        await NotificationTestKit.WaitUntilAsync(() => app.Mail.Sent.Any(m => m.ToAddress == "pg-decide-a@example.org" && m.Kind == ReviewNotificationKinds.DecisionAccepted.Name),
            "the acceptance mail");
        Assert.DoesNotContain(app.Mail.Sent, m => m.ToAddress == "pg-decide-b@example.org" && m.Kind == ReviewNotificationKinds.DecisionShortlisted.Name);
        var afterRelease = await organiser.GetStringAsync($"/events/{e.Slug}/decisions");
        Assert.DoesNotContain("Not released yet", afterRelease);
        Assert.Contains("Every decision has been released.", afterRelease);

        var link = Regex.Match(app.Mail.LastTo("pg-decide-a@example.org", ReviewNotificationKinds.DecisionAccepted.Name).TextBody, @"http://localhost(/events/\S+/confirm\?token=\S+)").Groups[1].Value;
        var anonymous = app.CreateBrowser();
        var confirmPage = await anonymous.GetStringAsync(link);
        Assert.Contains(">Confirm my talk<", confirmPage);
        Assert.Contains(">Decline<", confirmPage);
        var confirmed = await anonymous.PostFormAsync(link.Replace("/confirm?", "/confirm?handler=Confirm&"), new()
        {
            ["Token"] = Regex.Match(link, "token=(.+)$").Groups[1].Value,
        }, getUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Your talk is confirmed", await anonymous.GetStringAsync(confirmed.LocationPath()));
        Assert.Contains("awaiting confirmation", await organiser.GetStringAsync(ranking)); // the fair talk
        Assert.Contains(">confirmed<", await organiser.GetStringAsync($"/events/{e.Slug}/decisions"));
    }

    [Fact]
    public async Task The_speaker_finds_a_confirm_button_on_their_proposal_and_declines_there_which_offers_the_slot_on_the_decisions_page()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-decline");
        await app.CreateUserAsync("pg-decline-a@example.org", "Declining Speaker");
        var speakerApi = await app.CreateApiClientAsync("pg-decline-a@example.org");
        var declining = await ReviewKit.SubmitAsync(e, speakerApi, "Talk I cannot give");
        var (_, _, backup) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-decline-w@example.org", "Backup talk");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { declining.Id }, state = "accepted" })).EnsureSuccessStatusCode();
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { backup.Id }, state = "waitlisted" })).EnsureSuccessStatusCode();
        var speaker = await app.SignInAsync("pg-decline-a@example.org");
        Assert.DoesNotContain("Confirm my talk", await speaker.GetStringAsync($"/events/{e.Slug}/proposals/{declining.Id}"));
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/release", new { })).EnsureSuccessStatusCode();

        var details = await speaker.GetStringAsync($"/events/{e.Slug}/proposals/{declining.Id}");
        Assert.Contains($"href=\"/events/{e.Slug}/proposals/{declining.Id}/confirm\"", details);
        var url = $"/events/{e.Slug}/proposals/{declining.Id}/confirm";
        var declined = await speaker.PostFormAsync($"{url}?handler=Decline", new(), getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Contains("Withdrawn", await speaker.GetStringAsync($"/events/{e.Slug}/proposals/{declining.Id}"));

        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var page = await organiser.GetStringAsync($"/events/{e.Slug}/decisions");
        Assert.Contains("the speaker declined", page);
        Assert.Contains("Backup talk (waitlisted)", page);
        var offerId = Regex.Match(page, @"offerId=(\d+)&amp;handler=ConfirmOffer").Groups[1].Value;
        var confirmed = await organiser.PostFormAsync($"/events/{e.Slug}/decisions?handler=ConfirmOffer&offerId={offerId}", new(), getUrl: $"/events/{e.Slug}/decisions");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("The waitlisted proposal is accepted", await organiser.GetStringAsync($"/events/{e.Slug}/decisions"));
        Assert.Equal(ProposalStates.Accepted, (await (await app.CreateApiClientAsync("pg-decline-w@example.org")).GetFromJsonAsync<ProposalResponse>($"{e.Api}/proposals/{backup.Id}"))!.State);
    }

    [Fact]
    public async Task The_confirm_page_asks_strangers_to_log_in_and_finds_nothing_for_a_wrong_token()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-confirm-auth");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-confirm-auth-s@example.org", "Talk");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions", new { proposalIds = new[] { p.Id }, state = "accepted" })).EnsureSuccessStatusCode();
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/decisions/release", new { })).EnsureSuccessStatusCode();
        var anonymous = app.CreateBrowser();

        Assert.StartsWith("/account/login", (await anonymous.GetAsync($"/events/{e.Slug}/proposals/{p.Id}/confirm")).LocationPath());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/events/{e.Slug}/proposals/{p.Id}/confirm?token=guess")).StatusCode);
        await app.CreateUserAsync("pg-confirm-auth-x@example.org");
        var stranger = await app.SignInAsync("pg-confirm-auth-x@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/events/{e.Slug}/proposals/{p.Id}/confirm")).StatusCode);
    }

    [Fact]
    public async Task An_organiser_redacts_an_abstract_and_reviewers_read_the_redacted_copy()
    {
        var e = await ReviewKit.CreateAsync(app, "pg-redact");
        var reviewer = await BrowserAsync(e, "pg-redact-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "pg-redact-s@example.org", "Talk about our project",
            @abstract: "I maintain GlimmerDB at Initrode, the fastest database.");
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var url = $"/events/{e.Slug}/review/{p.Id}/redact";
        Assert.Contains("GlimmerDB", await organiser.GetStringAsync(url));

        var saved = await organiser.PostFormAsync(url, new()
        {
            ["Title"] = "Talk about our project", ["Abstract"] = "I maintain a database project, the fastest database.", ["Description"] = "Details.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await reviewer.GetStringAsync($"/events/{e.Slug}/review/{p.Id}");
        Assert.DoesNotContain("GlimmerDB", page);
        Assert.Contains("I maintain a database project", page);
        Assert.Contains("the organisers redacted identifying text", page);
    }
}
