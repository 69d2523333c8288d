using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Feedback;
using EventPlanner.Web.Features.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class DemoFeedbackTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_demo_has_last_weeks_meetup_with_ratings_a_talk_left_to_rate_and_a_closed_survey_with_answers()
    {
        app.CreateClient();
        var data = await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);

        var e = (await app.Services.GetRequiredService<EventStore>().FindAsync(DemoFeedback.Slug))!;
        Assert.True(e.EndsOn < DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var sessions = await app.Services.GetRequiredService<FeedbackStore>().SummariesAsync(e.Id);
        Assert.Equal(4, sessions.Count);
        Assert.Equal(11, sessions.Sum(s => s.Count));
        Assert.All(sessions, s => Assert.True(s.Count >= 2, $"{s.Title}: {s.Count}"));
        Assert.Equal(2, FeedbackRules.Rank(sessions).Count); // Talks and Lightning

        // The first attendee may still rate their starred talk (feedback is open: the meetup was two days ago).
        var mine = await app.Services.GetRequiredService<FeedbackStore>().MineAsync(e, sessions[0].SessionId, data.Attendees[0].Id);
        Assert.True(mine!.CanRate, mine.Reason);
        Assert.Null(mine.Rating);

        var survey = Assert.Single(await app.Services.GetRequiredService<SurveyStore>().ListAsync(e.Id));
        Assert.Equal((SurveyStates.Closed, 4, 3), (survey.State, survey.Invited, survey.Responded));

        var organiser = app.CreateBrowser();
        await organiser.PostFormAsync("/account/login", new() { ["Input.Email"] = data.Organisers[0].Email!, ["Input.Password"] = data.Password });
        var results = await organiser.GetStringAsync($"/events/{DemoFeedback.Slug}/surveys/{survey.Id}/results");
        Assert.Contains("<strong>3 of 4</strong> invited answered (75 %)", results);
        Assert.Contains("Kopi was great.", results);
        Assert.Contains("Clear and practical", await organiser.GetStringAsync($"/events/{DemoFeedback.Slug}/feedback"));
        var dashboard = await organiser.GetStringAsync($"/events/{DemoFeedback.Slug}/dashboard");
        Assert.Contains("11 ratings of 4 sessions", dashboard);
        Assert.Contains("3 answers from 4 invited; 0 open", dashboard);
    }
}
