using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Features.Reviews;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class AssignmentApiTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Automatic_assignment_gives_every_proposal_n_non_conflicted_reviewers_with_loads_differing_by_at_most_one()
    {
        var e = await ReviewKit.CreateAsync(app, "as-auto", reviewers: "assigned");
        var reviewers = new List<(long Id, HttpClient Api)>();
        for (var i = 0; i < 5; i++) reviewers.Add(await ReviewKit.ReviewerAsync(app, e, $"as-auto-r{i}@example.org"));
        var proposals = new List<long>();
        for (var i = 0; i < 12; i++) proposals.Add((await ReviewKit.SpeakerWithProposalAsync(app, e, $"as-auto-s{i}@example.org", $"Talk {i}", track: i % 3)).Proposal.Id);
        // Reviewer 0 submitted a talk of their own; reviewer 1 is conflicted with talk 0; reviewer 2 with speaker of talk 1.
        proposals.Add((await ReviewKit.SubmitAsync(e, reviewers[0].Api, "Reviewer 0's own talk")).Id);
        (await reviewers[1].Api.PostAsJsonAsync($"{e.Api}/review/conflicts", new { email = "as-auto-s0@example.org" })).EnsureSuccessStatusCode();
        (await reviewers[2].Api.PostAsJsonAsync($"{e.Api}/review/conflicts", new { email = "as-auto-s1@example.org" })).EnsureSuccessStatusCode();

        var result = await ReviewKit.Read<AutoAssignResult>(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments/auto", new { perProposal = 3 }));

        Assert.Equal(13 * 3, result.Added);
        Assert.Empty(result.Short);
        var assignments = (await e.Organiser.GetFromJsonAsync<List<AssignmentResponse>>($"{e.Api}/review/assignments"))!;
        Assert.All(proposals, p => Assert.Equal(3, assignments.Count(a => a.ProposalId == p)));
        Assert.DoesNotContain(assignments, a => a.ReviewerId == reviewers[0].Id && a.ProposalId == proposals[^1]);
        Assert.DoesNotContain(assignments, a => a.ReviewerId == reviewers[1].Id && a.ProposalId == proposals[0]);
        Assert.DoesNotContain(assignments, a => a.ReviewerId == reviewers[2].Id && a.ProposalId == proposals[1]);
        var loads = reviewers.Select(r => assignments.Count(a => a.ReviewerId == r.Id)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, string.Join(",", loads));
        Assert.Equal((7, 8), (result.MinLoad, result.MaxLoad));

        // In an "assigned" phase each reviewer's queue is exactly what they were given.
        var queue = await reviewers[3].Api.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue");
        Assert.Equal(assignments.Where(a => a.ReviewerId == reviewers[3].Id).Select(a => a.ProposalId).Order(), queue!.Items.Select(i => i.Id).Order());
        Assert.All(queue.Items, i => Assert.True(i.Assigned));
        var unassigned = proposals.First(p => assignments.All(a => a.ProposalId != p || a.ReviewerId != reviewers[3].Id));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewers[3].Api.GetAsync($"{e.Api}/review/proposals/{unassigned}")).StatusCode);

        var second = await ReviewKit.Read<AutoAssignResult>(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments/auto", new { perProposal = 3 }));
        Assert.Equal(0, second.Added);
    }

    [Fact]
    public async Task Reviewers_limited_to_a_track_see_and_are_assigned_only_that_track()
    {
        var e = await ReviewKit.CreateAsync(app, "as-tracks");
        var (kernelId, kernelReviewer) = await ReviewKit.ReviewerAsync(app, e, "as-tracks-k@example.org");
        var (_, anyReviewer) = await ReviewKit.ReviewerAsync(app, e, "as-tracks-any@example.org");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/review/teams", new
        {
            name = "Kernel team", trackIds = new[] { e.TrackIds[0] }, memberEmails = new[] { "as-tracks-k@example.org" },
        })).EnsureSuccessStatusCode();
        var (_, _, kernel) = await ReviewKit.SpeakerWithProposalAsync(app, e, "as-tracks-s1@example.org", "Scheduler internals", track: 0);
        var (_, _, web) = await ReviewKit.SpeakerWithProposalAsync(app, e, "as-tracks-s2@example.org", "HTMX everywhere", track: 1);

        var queue = await kernelReviewer.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue?show=everything");
        Assert.Equal([kernel.Id], queue!.Items.Select(i => i.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await kernelReviewer.GetAsync($"{e.Api}/review/proposals/{web.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kernelReviewer.PutAsJsonAsync($"{e.Api}/review/proposals/{web.Id}/review", ReviewKit.Scores(e, 1, 1))).StatusCode);
        Assert.Equal(2, (await anyReviewer.GetFromJsonAsync<QueuePage>($"{e.Api}/review/queue"))!.Total);
        var byHand = await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments", new { proposalId = web.Id, reviewerId = kernelId });
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);

        await ReviewKit.Read<AutoAssignResult>(await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments/auto", new { perProposal = 2 }));
        var assignments = (await e.Organiser.GetFromJsonAsync<List<AssignmentResponse>>($"{e.Api}/review/assignments"))!;
        Assert.Equal([kernel.Id], assignments.Where(a => a.ReviewerId == kernelId).Select(a => a.ProposalId));
        Assert.Equal(["as-tracks-any"], assignments.Where(a => a.ProposalId == web.Id).Select(a => a.Reviewer));
    }

    [Fact]
    public async Task Hand_assignment_needs_a_reviewer_of_the_event_and_can_be_undone()
    {
        var e = await ReviewKit.CreateAsync(app, "as-hand");
        var (reviewerId, _) = await ReviewKit.ReviewerAsync(app, e, "as-hand-r@example.org");
        var (_, _, p) = await ReviewKit.SpeakerWithProposalAsync(app, e, "as-hand-s@example.org", "Talk");
        var (strangerId, _) = await EventPlanner.Tests.Features.Submissions.CfpKit.FastSpeakerAsync(app, "as-hand-x@example.org");

        var stranger = await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments", new { proposalId = p.Id, reviewerId = strangerId });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/review/assignments", new { proposalId = p.Id, reviewerId })).EnsureSuccessStatusCode();
        var loads = await e.Organiser.GetFromJsonAsync<List<ReviewerLoadResponse>>($"{e.Api}/review/assignments/loads");
        Assert.Equal(1, loads!.Single(l => l.ReviewerId == reviewerId).Assigned);

        Assert.Equal(HttpStatusCode.NoContent, (await e.Organiser.DeleteAsync($"{e.Api}/review/assignments/{p.Id}/{reviewerId}")).StatusCode);
        Assert.Empty((await e.Organiser.GetFromJsonAsync<List<AssignmentResponse>>($"{e.Api}/review/assignments"))!);
    }
}
