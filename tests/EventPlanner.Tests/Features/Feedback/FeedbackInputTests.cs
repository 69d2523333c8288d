using System.Net;
using System.Net.Http.Json;
using Dapper;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Feedback;

/// <summary>Online events, the week to change a rating, refused input and hidden events; the clock only moves forward in this class.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class FeedbackInputTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Online_events_take_valid_tickets_bad_input_saves_nothing_a_rating_changes_for_a_week_and_hidden_events_are_404()
    {
        var s = await FeedbackKit.CreateAsync(app, "fb-remote");
        var remote = await s.AttendeeAsync(app, checkedIn: false);
        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddHours(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await remote.Api.RateAsync(s, s.Talk, 4)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await s.Organiser.PutAsJsonAsync($"{s.Api}/settings", new { isRemote = (bool?)null })).StatusCode);
        var settings = await (await s.Organiser.PutAsJsonAsync($"{s.Api}/settings", new { isRemote = true })).Content.ReadFromJsonAsync<FeedbackSettingsResponse>();
        Assert.True(settings!.IsRemote);
        Assert.Equal(FeedbackKit.Closes, settings.ClosesAt);

        foreach (var (rating, comment, field) in new (int?, string?, string)[]
        {
            (null, "", "rating"), (0, "", "rating"), (6, "", "rating"), (-2147483648, "", "rating"),
            (4, new string('x', FeedbackRules.MaxComment + 1), "comment"), (4, "nul \u0000 here", "comment"),
        })
        {
            var bad = await remote.Api.RateAsync(s, s.Talk, rating, comment);
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, $"{rating} {comment}: {(int)bad.StatusCode}");
            Assert.Contains($"\"{field}\"", await bad.Content.ReadAsStringAsync());
        }
        // Raw JSON: a serializer would replace a lone surrogate before it left the client.
        foreach (var raw in new[] { "{\"rating\": \"five\"}", "{\"rating\": 4, \"comment\": \"lone \\ud800 surrogate\"}", "{\"rating\": 4.5}" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await remote.Api.PutAsync($"{s.Api}/sessions/{s.Talk}",
                new StringContent(raw, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await remote.Api.RateAsync(s, 999999, 4)).StatusCode);
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM session_feedback"));
        }

        Assert.Equal(HttpStatusCode.OK, (await remote.Api.RateAsync(s, s.Talk, 4, "  Zoë's  demo was 素晴らしい \r\n ")).StatusCode);
        var mine = (await remote.Api.GetFromJsonAsync<MyFeedbackResponse>($"{s.Api}/sessions/{s.Talk}"))!;
        Assert.Equal((4, "Zoë's  demo was 素晴らしい", true), (mine.Rating, mine.Comment, mine.CanRate));

        app.Clock.SetUtcNow(FeedbackKit.TalkStarts.AddHours(1).AddDays(7));
        Assert.Equal(HttpStatusCode.Conflict, (await remote.Api.RateAsync(s, s.Talk, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.Api.RateAsync(s, s.OtherTalk, 3)).StatusCode); // a new rating is still welcome
        Assert.False((await remote.Api.GetFromJsonAsync<MyFeedbackResponse>($"{s.Api}/sessions/{s.Talk}"))!.CanRate);

        // A hidden event does not exist for its attendees' strangers.
        Assert.True((await s.Organiser.PutAsJsonAsync($"/api/events/{s.Slug}", new { isPublic = false })).IsSuccessStatusCode);
        var outsider = await app.CreateApiClientAsync("fb-outsider@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.RateAsync(s, s.Talk, 4)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{s.Api}/mine")).StatusCode);
    }
}
