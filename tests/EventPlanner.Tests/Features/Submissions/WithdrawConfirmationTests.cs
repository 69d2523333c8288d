using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>
/// Withdrawing a proposal asks first, saying what happens to an accepted talk; it tells the speaker only what the
/// organisers have released, so an acceptance not yet released is not given away by the counts.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class WithdrawConfirmationTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private ProposalStore Proposals => app.Services.GetRequiredService<ProposalStore>();
    private Db Db => app.Services.GetRequiredService<Db>();

    [Fact]
    public async Task Withdrawing_asks_first_hides_an_unreleased_acceptance_asks_again_once_it_is_released_and_then_withdraws()
    {
        var e = await CfpKit.CreateAsync(app, "wc-withdraw");
        const string email = "wc-withdraw-speaker@example.org";
        var api = await app.CreateApiClientAsync(email);
        var proposal = await (await api.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Packaging Rust", submit: true))).ReadProposalAsync();
        await DemoProposalStates.SetAsync(Db, proposal.Id, "accepted", "submitted"); // decided, not yet released
        var speaker = await app.SignInAsync(email);
        var page = $"/events/{e.Slug}/proposals/{proposal.Id}";
        var url = $"{page}?handler=Withdraw";

        var first = await speaker.ConfirmationAsync(url, new(), page);
        Assert.Equal((0, 0, 0), (first.Count("co-speakers"), first.Count("accepted"), first.Count("speaker-tickets")));
        Assert.DoesNotContain("accepted talk", first.TextContent);
        Assert.Equal("accepted", (await Proposals.LoadDetailAsync(proposal.Id))!.Proposal.State);

        await DemoProposalStates.SetAsync(Db, proposal.Id, "accepted", "accepted"); // the organisers release the decision
        var stale = await speaker.PostConfirmedAsync(url, first, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = (await stale.HtmlAsync()).QuerySelector("section.confirm-step")!;
        Assert.Contains("changed since you looked", again.TextContent);
        Assert.Equal(1, again.Count("accepted"));
        Assert.Contains("organisers are told", again.TextContent);
        Assert.Equal("accepted", (await Proposals.LoadDetailAsync(proposal.Id))!.Proposal.State);

        Assert.Equal(HttpStatusCode.Redirect, (await speaker.PostConfirmedAsync(url, again, page)).StatusCode);
        Assert.Equal("withdrawn", (await Proposals.LoadDetailAsync(proposal.Id))!.Proposal.State);
    }
}
