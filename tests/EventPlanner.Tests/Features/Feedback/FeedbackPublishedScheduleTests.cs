using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Features.Schedule;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>Only sessions of the released schedule can be rated: not a draft-only one, not one cancelled in the release.</summary>
[Trait("Engine", "Both")] // passes on PostgreSQL too (issue 17 follow-up run)
public sealed class FeedbackPublishedScheduleTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Draft_only_and_cancelled_sessions_answer_404_with_a_reason_and_save_nothing_while_released_ones_can_be_rated()
    {
        var s = await FeedbackKit.CreateAsync(app, "fb-pub");
        var e = s.Event;
        var ann = await s.AttendeeAsync(app);
        // Placed at 09:00 after the release: on the organisers' grid only.
        var draft = await e.PlaceAsync(await e.SessionAsync("Secret keynote nobody announced", speakers: []), e.Small, "09:00");
        // Cancelled and released: attendees saw it go.
        var gone = await e.PlaceAsync(await e.SessionAsync("Cancelled BoF", speakers: []), e.Medium, "09:00");
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var goneNow = await e.GetAsync(gone.Id);
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/sessions/{gone.Id}", new
        {
            kind = "talk", title = "Cancelled BoF", durationMinutes = 30, isCancelled = true, version = goneNow.Version,
        })).EnsureSuccessStatusCode();
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var draftNow = await e.GetAsync(draft.Id);
        await e.PlaceRawAsync(draft.Id, null, null, null, draftNow.Version); // off the grid and released: never public
        (await e.Organiser.PostAsJsonAsync($"{e.Api}/releases", new { notify = "none" })).EnsureSuccessStatusCode();
        var late = await e.PlaceAsync(await e.GetAsync(draft.Id), e.Small, "09:00"); // back on the draft grid only

        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddHours(3)); // every one of them has started
        var browser = await app.SignInAsync(ann.Email);
        foreach (var id in new[] { late.Id, gone.Id })
        {
            var refused = await ann.Api.RateAsync(s, id, 5, "Should not be kept");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!;
            Assert.Equal("Not on the published schedule", problem.Title);
            Assert.Contains("published schedule", problem.Detail);
            // The draft's title is not told to attendees through their rating page either.
            Assert.Equal(HttpStatusCode.NotFound, (await ann.Api.GetAsync($"{s.Api}/sessions/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/events/{s.Slug}/sessions/{id}/rate")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await ann.Api.RateAsync(s, s.Talk, 4)).StatusCode);

        await using var c = await app.Services.GetRequiredService<Db>().OpenAsync();
        Assert.Equal([s.Talk], (await c.QueryAsync<long>("SELECT session_id FROM session_feedback WHERE event_id = @EventId", new { s.EventId })).ToList());
    }
}
