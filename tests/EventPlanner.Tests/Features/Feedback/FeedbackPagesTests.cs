using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>The no-script path: the agenda's link once a starred session has started, the rate form, the organisers' report.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class FeedbackPagesTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task An_attendee_rates_from_their_agenda_and_organisers_read_it_escaped()
    {
        var s = await FeedbackKit.CreateAsync(app, "fb-pages");
        (await s.Organiser.PostAsJsonAsync($"{s.Event.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var ann = await s.AttendeeAsync(app);
        (await ann.Api.PutAsync($"/api/events/{s.Slug}/agenda/{s.Talk}", null)).EnsureSuccessStatusCode();
        var browser = await app.SignInAsync(ann.Email);

        Assert.DoesNotContain("Rate this session", await browser.GetStringAsync("/my/agenda")); // not started yet
        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddMinutes(45));
        browser = await app.SignInAsync(ann.Email); // the clock moved past the first sign-in's cookie lifetime
        var agenda = await browser.GetStringAsync("/my/agenda");
        Assert.Contains($"href=\"/events/{s.Slug}/sessions/{s.Talk}/rate\"", agenda);

        var rate = $"/events/{s.Slug}/sessions/{s.Talk}/rate";
        var bad = await browser.PostFormAsync(rate, new() { ["Input.Rating"] = "9", ["Input.Comment"] = "x" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Rating must be between 1 and 5.", await bad.Content.ReadAsStringAsync());
        var ok = await browser.PostFormAsync(rate, new() { ["Input.Rating"] = "5", ["Input.Comment"] = "<script>alert('x')</script> loved it" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Your rating: <strong>5 of 5</strong>", await browser.GetStringAsync(rate));
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_feedback WHERE session_id = @Talk", new { s.Talk }));
        }

        var organiser = await app.SignInAsync($"org-{s.Slug}@example.org");
        var report = await organiser.GetStringAsync($"/events/{s.Slug}/feedback");
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; loved it", report);
        Assert.DoesNotContain("<script>alert", report);
        Assert.Contains("role=\"img\"", report);
        Assert.Contains("<desc id=\"fb-chart-" + s.Talk + "-desc\">5 of 5: 1; 4 of 5: 0; 3 of 5: 0; 2 of 5: 0; 1 of 5: 0.</desc>", report);
        // An attendee is sent to the access-denied page, not shown the report.
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync($"/events/{s.Slug}/feedback")).StatusCode);
    }
}
