using Dapper;
using EventPlanner.Tests.Features.Accounts;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Reviews;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class DemoReviewsTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_criteria_an_open_phase_reviews_and_released_decisions_once()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        var again = await DemoSeeder.SeedAsync(app.Services);

        Assert.Equal(0, again.Added);
        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        var counts = await c.QuerySingleAsync<(int Criteria, int Phases, int Assignments, int Reviews, int Conflicts, int Released)>("""
            SELECT (SELECT COUNT(*) FROM review_criteria), (SELECT COUNT(*) FROM review_phases), (SELECT COUNT(*) FROM review_assignments),
                   (SELECT COUNT(*) FROM reviews), (SELECT COUNT(*) FROM review_conflicts),
                   (SELECT COUNT(*) FROM review_decisions WHERE released_at IS NOT NULL)
            """);
        Assert.Equal(3, counts.Criteria);
        Assert.Equal(1, counts.Phases);
        Assert.True(counts.Assignments >= 8, $"{counts.Assignments} assignments");
        Assert.Equal(counts.Assignments - 1, counts.Reviews); // the first reviewer's talk still to score
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM review_assignments a JOIN proposals p ON p.id = a.proposal_id
            WHERE p.state = 'in_review' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.proposal_id = a.proposal_id AND r.user_id = a.user_id)
            """));
        Assert.Equal(1, counts.Conflicts);
        Assert.Equal(3, counts.Released);
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM review_decisions WHERE confirm_by IS NOT NULL AND response IS NULL"));

        // A demo reviewer (with the printed demo password) finds their assigned talks, names hidden.
        var browser = app.CreateBrowser();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.LogInAsync(again.Reviewers[0].Email, again.Password)).StatusCode);
        var queue = await browser.GetStringAsync($"/events/{DemoEvent.Slug}/review?show=everything");
        Assert.Contains("(assigned to you)", queue);
        Assert.Contains("Speaker names are hidden", queue);
    }
}
