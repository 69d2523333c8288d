using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

/// <summary>
/// Removing a review criterion, phase or reviewer team on the set-up page asks first with counts from the database; a
/// post whose stamp no longer matches (a score, a member added meanwhile) asks again; only the matching stamp removes.
/// </summary>
[Trait("Engine", "Both")]
public sealed class ReviewSetupConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private static string Setup(ReviewEvent e) => $"/events/{e.Slug}/review/setup";

    private static async Task<ReviewSetupResponse> SetupAsync(ReviewEvent e) =>
        (await e.Organiser.GetFromJsonAsync<ReviewSetupResponse>($"{e.Api}/review/setup"))!;

    [Fact]
    public async Task Removing_a_criterion_counts_its_scores_asks_again_after_a_new_review_and_then_removes_it()
    {
        var e = await ReviewKit.CreateAsync(app, "rsc-crit");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rsc-crit-r@example.org");
        var (_, _, first) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rsc-crit-a@example.org", "First talk");
        var (_, _, second) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rsc-crit-b@example.org", "Second talk");
        await reviewer.ReviewAsync(e, first.Id, 2, 4);
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var url = $"{Setup(e)}?handler=RemoveCriterion&criterionId={e.Clarity}";

        var shown = await organiser.ConfirmationAsync(url, new(), Setup(e));
        Assert.Equal(1, shown.Count("scores"));
        Assert.Contains("Clarity", shown.TextContent);
        Assert.Contains((await SetupAsync(e)).Criteria, c => c.Id == e.Clarity);

        await reviewer.ReviewAsync(e, second.Id, 1, 2);
        var stale = await organiser.PostConfirmedAsync(url, shown, Setup(e));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(2, again.Count("scores"));
        Assert.Contains((await SetupAsync(e)).Criteria, c => c.Id == e.Clarity);

        var done = await organiser.PostConfirmedAsync(url, again, Setup(e));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var criteria = (await SetupAsync(e)).Criteria;
        Assert.DoesNotContain(criteria, c => c.Id == e.Clarity);
        Assert.Contains(criteria, c => c.Id == e.Relevance);
    }

    [Fact]
    public async Task Removing_a_phase_counts_the_reviews_written_in_it_and_a_post_without_the_stamp_removes_nothing()
    {
        var e = await ReviewKit.CreateAsync(app, "rsc-phase");
        var (_, reviewer) = await ReviewKit.ReviewerAsync(app, e, "rsc-phase-r@example.org");
        var (_, _, talk) = await ReviewKit.SpeakerWithProposalAsync(app, e, "rsc-phase-a@example.org", "A talk");
        await reviewer.ReviewAsync(e, talk.Id, 2, 4);
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var url = $"{Setup(e)}?handler=RemovePhase&phaseId={e.PhaseId}";

        var shown = await organiser.ConfirmationAsync(url, new(), Setup(e));
        Assert.Equal(1, shown.Count("reviews"));
        var forged = await organiser.PostFormAsync(url, new() { ["stamp"] = "9" }, Setup(e));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.NotNull((await forged.HtmlAsync()).QuerySelector("section.confirm-step [data-changed]"));
        Assert.Contains((await SetupAsync(e)).Phases, p => p.Id == e.PhaseId);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, shown, Setup(e))).StatusCode);
        Assert.DoesNotContain((await SetupAsync(e)).Phases, p => p.Id == e.PhaseId);
        // The review itself stays.
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reviews WHERE proposal_id = @id AND phase_id IS NULL", new { id = talk.Id }));
    }

    [Fact]
    public async Task Removing_a_team_says_whose_view_widens_and_which_phase_opens_to_everyone()
    {
        var e = await ReviewKit.CreateAsync(app, "rsc-team");
        await ReviewKit.ReviewerAsync(app, e, "rsc-team-r@example.org");
        var team = await ReviewKit.Read<TeamResponse>(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/teams",
            new { name = "Kernel reviewers", trackIds = new[] { e.TrackIds[0] }, memberEmails = new[] { "rsc-team-r@example.org" } }));
        var now = app.Clock.GetUtcNow();
        var phase = await ReviewKit.Read<PhaseResponse>(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/phases", new
        {
            name = "Team round", opensAt = CfpKit.Local(now.AddDays(11)), closesAt = CfpKit.Local(now.AddDays(20)), reviewers = "all", teamId = team.Id,
        }));
        var organiser = await app.SignInAsync($"org-{e.Slug}@example.org");
        var url = $"{Setup(e)}?handler=RemoveTeam&teamId={team.Id}";

        var shown = await organiser.ConfirmationAsync(url, new(), Setup(e));
        Assert.Equal((1, 1, 1), (shown.Count("members"), shown.Count("widened"), shown.Count("phases")));
        Assert.Single((await SetupAsync(e)).Teams);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostConfirmedAsync(url, shown, Setup(e))).StatusCode);
        var after = await SetupAsync(e);
        Assert.Empty(after.Teams);
        Assert.Null(after.Phases.Single(p => p.Id == phase.Id).TeamId);
    }
}
