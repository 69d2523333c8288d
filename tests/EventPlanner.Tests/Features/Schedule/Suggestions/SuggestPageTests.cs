using System.Net;
using System.Text.RegularExpressions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Schedule.Suggestions;

/// <summary>The no-JavaScript path through the pages: the form, the run's page, and a stale Apply explained on the page.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class SuggestPageTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task The_form_starts_a_run_whose_page_shows_the_diff_and_a_stale_apply_says_why_with_409()
    {
        var e = await ScheduleKit.CreateAsync(app, "suggest-pages");
        var talk = await e.SessionAsync("Epsilon on the page", trackId: e.Kernel);
        var browser = await app.SignInAsync($"org-{e.Slug}@example.org");

        Assert.Contains("Suggest a schedule", await browser.GetStringAsync($"/events/{e.Slug}/schedule/manage"));
        var started = await browser.PostFormAsync($"/events/{e.Slug}/schedule/manage/suggest",
            new() { ["Mode"] = "gaps", ["TimeLimitSeconds"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var url = started.Headers.Location!.OriginalString;
        var id = long.Parse(Regex.Match(url, @"/suggest/(\d+)$").Groups[1].Value);
        Assert.Contains("Progress", await browser.GetStringAsync(url));

        await SuggestionKit.FinishedAsync(e.Organiser, e.Slug, id);
        var page = await browser.GetStringAsync(url);
        Assert.Contains("Newly placed (1)", page);
        Assert.Contains("Epsilon on the page", page);
        Assert.Contains("Hard violations: 0", page);
        Assert.DoesNotContain("suggestion-refresh.js", page); // finished: the page no longer reloads itself

        await e.SessionAsync("Added meanwhile");
        var apply = await browser.PostFormAsync($"{url}?handler=Apply", [], getUrl: url);
        Assert.Equal(HttpStatusCode.Conflict, apply.StatusCode);
        Assert.Contains("has changed since this suggestion was computed", await apply.Content.ReadAsStringAsync());
        Assert.Null((await e.GetAsync(talk.Id)).RoomId);
    }
}
