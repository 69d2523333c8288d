using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>
/// Each reason a rating is refused is said, not hidden behind a bare "Not found": the rate page answers the refusal's status
/// with its words and links back, and the API a problem with the same title and detail. Nothing is saved in any case.
/// </summary>
[Trait("Engine", "Both")]
public sealed class FeedbackRefusalTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    private const string DraftTitle = "Secret keynote nobody announced";

    [Fact]
    public async Task Each_refused_rating_says_why_on_the_page_and_in_the_api_problem_and_saves_nothing()
    {
        // One event, the clock only moving forward: before the talk, during the event, after feedback closed.
        var s = await FeedbackKit.CreateAsync(app, "fb-refusals");
        var checkedIn = await s.AttendeeAsync(app);
        var notCheckedIn = await s.AttendeeAsync(app, checkedIn: false);
        var draft = (await s.Event.PlaceAsync(await s.Event.SessionAsync(DraftTitle, speakers: []), s.Event.Small, "09:00")).Id;

        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddMinutes(-30));
        await AssertRefusedAsync(s, checkedIn, s.Talk, 409, "Not started yet", "once it has started");

        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddHours(3));
        await AssertRefusedAsync(s, checkedIn, draft, 404, "Not on the published schedule", "Only sessions on the published schedule can be rated");
        await AssertRefusedAsync(s, notCheckedIn, s.Talk, 403, "No ticket", "checked-in ticket");

        app.Clock.SetUtcNow(FeedbackKit.Closes.AddMinutes(1));
        await AssertRefusedAsync(s, checkedIn, s.Talk, 409, "Feedback has closed", "Feedback for this event has closed.");

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_feedback WHERE event_id = @EventId", new { s.EventId }));
    }

    private async Task AssertRefusedAsync(FeedbackSetup s, Tickets.TestUser ann, long session, int status, string title, string detail)
    {
        // API: the write is a problem with the reason; the read says it too (a problem when there is no session to show).
        var put = await ann.Api.RateAsync(s, session, 5, "Should not be kept");
        Assert.Equal(status, (int)put.StatusCode);
        var problem = (await put.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(title, problem.Title);
        Assert.Contains(detail, problem.Detail);
        var get = await ann.Api.GetAsync($"{s.Api}/sessions/{session}");
        if (status == 404)
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(title, (await get.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        }
        else
        {
            var mine = (await get.Content.ReadFromJsonAsync<MyFeedbackResponse>())!;
            Assert.False(mine.CanRate);
            Assert.Contains(detail, mine.Reason);
        }

        // The page: the refusal's status, its title and words, links back, no form to fill in for nothing.
        var browser = await app.SignInAsync(ann.Email);
        var rate = $"/events/{s.Slug}/sessions/{session}/rate";
        var page = await browser.GetAsync(rate);
        Assert.Equal(status, (int)page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        AssertExplains(html, title, detail, s.Slug);
        Assert.DoesNotContain(DraftTitle, html);

        // Posting anyway (a form kept open in another tab) is refused the same way; the token comes from a page with a form.
        var token = FormPosting.AntiforgeryFrom(await browser.GetStringAsync("/account/profile"));
        Assert.NotEmpty(token);
        var posted = await browser.PostAsync(rate, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Rating"] = "5", ["Input.Comment"] = "Should not be kept", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(status, (int)posted.StatusCode);
        AssertExplains(await posted.Content.ReadAsStringAsync(), title, detail, s.Slug);
    }

    private static void AssertExplains(string html, string title, string detail, string slug)
    {
        Assert.Contains("id=\"cannot-rate\"", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(detail), html);
        Assert.Contains("href=\"/my/agenda\"", html);
        Assert.Contains($"href=\"/events/{slug}/schedule\"", html);
        Assert.DoesNotContain("name=\"Input.Rating\"", html);
        Assert.DoesNotContain("There is nothing at this address.", html);
    }
}
