using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Tests.Features.Submissions;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoSubmissionsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_seed_creates_proposals_in_every_state_once()
    {
        var e = await CfpKit.CreateAsync(app, "demo-cfp", closesIn: TimeSpan.FromHours(1));
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/cfp/questions", new { target = "speaker", kind = "single_choice", prompt = "Diet", options = new[] { "Any", "Vegetarian" }, isRequired = true }))
            .EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2)); // the seed works whatever the call's dates and questions
        var speakers = new List<long>();
        foreach (var name in new[] { "siti", "arjun", "mei" }) speakers.Add((await app.CreateUserAsync($"{name}@demo.example.org")).Id);

        await DemoSubmissions.SeedAsync(app.Services, "demo-cfp", speakers);
        await DemoSubmissions.SeedAsync(app.Services, "demo-cfp", speakers);

        foreach (var state in ProposalStates.All)
        {
            var rows = await e.Organiser.GetFromJsonAsync<List<ProposalListItem>>($"{e.Api}/proposals?state={state}");
            Assert.True(rows!.Count > 0, $"no demo proposal is {state}");
        }
        var all = await e.Organiser.GetFromJsonAsync<List<ProposalListItem>>($"{e.Api}/proposals");
        Assert.Equal(10, all!.Count); // 12 talks, 2 of them drafts
        Assert.Contains(all, p => p.Speakers.Count == 2);
        Assert.Contains(all, p => p.Tags.Count > 0);
    }
}
